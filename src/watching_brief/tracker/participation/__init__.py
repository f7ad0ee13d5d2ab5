"""The public's part: questions sent in for public sessions, and their moderation.

A series opens one of its meetings for questions (a :class:`~.models.QuestionWindow`);
anyone may send one in; officers accept, merge or decline each (every decision kept as a
:class:`~.models.ModerationRecord`), and an accepted question becomes a question of the
meeting's public-questions item, answered and published with the notes like any other.
Names and addresses of questioners are erased once the body's retention period has
passed (:func:`.services.erase_expired`).
"""
