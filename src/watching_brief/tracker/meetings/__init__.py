"""Bodies, meeting series, meetings and what each meeting's notes record."""
