from django.contrib import admin

from watching_brief.tracker.participation.models import (
    ModerationRecord,
    PublicQuestion,
    QuestionWindow,
)


class RecordInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ModerationRecord
    extra = 0
    readonly_fields = ("event", "note", "by", "at")
    can_delete = False


@admin.register(QuestionWindow)
class QuestionWindowAdmin(admin.ModelAdmin[QuestionWindow]):
    list_display = ("meeting", "opens", "closes")
    raw_id_fields = ("meeting",)


@admin.register(PublicQuestion)
class PublicQuestionAdmin(admin.ModelAdmin[PublicQuestion]):
    list_display = ("text", "window", "status", "outcome", "received", "erased")
    list_filter = ("status", "outcome")
    readonly_fields = ("network", "received", "erased")
    raw_id_fields = ("window", "merged_into", "question")
    inlines = [RecordInline]
