from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "watching_brief.tracker.meetings"
    label = "meetings"
    verbose_name = "Meetings"
