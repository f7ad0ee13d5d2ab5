from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "watching_brief.tracker.people"
    label = "people"
    verbose_name = "People and posts"
