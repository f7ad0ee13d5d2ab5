from django.contrib import admin

from watching_brief.tracker.programme.models import (
    PlannedTheme,
    QuestionSet,
    Schedule,
    ScheduleChange,
)


class ScheduleChangeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ScheduleChange
    extra = 0


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["series", "week", "weekday", "interval_months", "starts_on"]
    inlines = [ScheduleChangeInline]


@admin.register(PlannedTheme)
class PlannedThemeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["date", "series", "title"]
    list_filter = ["series"]


@admin.register(QuestionSet)
class QuestionSetAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["theme", "meeting", "sent_on", "response_due", "response_received"]
