"""Importing notes: extract with the core, then store each meeting in one transaction."""
