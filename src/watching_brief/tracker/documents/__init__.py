"""House-style documents of a stored meeting: the notes (public or full) and the pack."""
