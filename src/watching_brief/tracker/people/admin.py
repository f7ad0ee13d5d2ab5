from django.contrib import admin

from watching_brief.tracker.people.models import Person, Post, Tenure


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    search_fields = ["name"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["abbrev", "title", "body"]
    list_filter = ["body"]
    search_fields = ["abbrev", "title"]


@admin.register(Tenure)
class TenureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["post", "person", "kind", "start", "last_seen"]
    list_filter = ["kind", "post__body"]
