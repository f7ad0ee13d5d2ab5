from django.contrib import admin

from watching_brief.tracker.actions.models import Action, ActionUpdate, Revisit
from watching_brief.tracker.meetings.admin import EditedAdmin


class UpdateInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ActionUpdate
    extra = 0


@admin.register(Action)
class ActionAdmin(EditedAdmin):
    list_display = ["reference", "owner_post", "due", "status", "text"]
    list_filter = ["status", "owner_post"]
    search_fields = ["reference", "text", "owner_text"]
    inlines = [UpdateInline]


admin.site.register(Revisit)
