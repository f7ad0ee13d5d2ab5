from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from watching_brief.tracker.meetings.models import (
    Body,
    Item,
    Meeting,
    Series,
    SourceDocument,
    Topic,
)


class EditedAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Marks the fields a person changed, so re-imports keep the correction."""

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change and form.changed_data:
            obj.mark_edited(*form.changed_data)
        super().save_model(request, obj, form, change)


@admin.register(Meeting)
class MeetingAdmin(EditedAdmin):
    list_display = ["date", "series", "title", "status"]
    list_filter = ["status", "series"]
    date_hierarchy = "date"


@admin.register(Item)
class ItemAdmin(EditedAdmin):
    list_display = ["meeting", "number", "title", "assurance", "restricted"]
    list_filter = ["assurance", "restricted"]
    search_fields = ["title", "text"]


admin.site.register([Body, Series, Topic, SourceDocument])
