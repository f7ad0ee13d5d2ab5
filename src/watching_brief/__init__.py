"""Watching Brief: holding-to-account meeting notes into a tracked record."""
