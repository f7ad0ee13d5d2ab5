"""Topics: themes across meetings, and the timeline of everything said under each.

With no Topic rows yet, the most frequent item titles stand in as topics; a topic's slug
then matches every item whose title holds all the slug's words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import reduce
from operator import and_
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from watching_brief.tracker.access.authors import update_author
from watching_brief.tracker.actions.filters import with_sub_items
from watching_brief.tracker.meetings.models import Item, Question, Topic
from watching_brief.tracker.web.roles import (
    visible_actions,
    visible_items,
    visible_updates,
)
from watching_brief.tracker.web.views.shared import (
    PROCEDURAL,
    STATUS_COLOURS,
    assurance_tag,
    paginate,
    status_tag,
)

MOST_FREQUENT = 60


@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    topics = topic_rows(request.user)
    if query:
        words = query.casefold().split()
        topics = [row for row in topics if all(word in row["name"].casefold() for word in words)]
        if len(topics) == 1:
            return redirect("web:topic_detail", slug=topics[0]["slug"])
        if not topics and slugify(query):
            return redirect("web:topic_detail", slug=slugify(query))
    return render(request, "web/topics/topic_list.html", {"topics": topics, "query": query})


def topic_rows(user: Any) -> list[dict[str, Any]]:
    """Topic rows with visible items; else the most frequent visible item titles."""
    items = visible_items(user)
    topics = (
        Topic.objects.annotate(count=Count("items", filter=Q(items__in=items)))
        .filter(count__gt=0)
        .order_by("name")
    )
    if Topic.objects.exists():
        return [{"name": t.name, "slug": t.slug, "count": t.count} for t in topics]
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for title in items.values_list("title", flat=True):
        slug = slugify(title)
        if slug and not PROCEDURAL.search(title):
            counts[slug] += 1
            names.setdefault(slug, title.strip())
    return [
        {"name": names[slug], "slug": slug, "count": count}
        for slug, count in sorted(counts.items(), key=lambda pair: (-pair[1], names[pair[0]]))[
            :MOST_FREQUENT
        ]
    ]


TOPIC_MEETINGS_PER_PAGE = 10


@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The topic's timeline, newest first: at each meeting what was rated, asked and
    promised under it, and between meetings the progress reported on those promises."""
    topic = Topic.objects.filter(slug=slug).first()
    items = matching_items(visible_items(request.user), slug, topic)
    meetings = list(
        items.order_by("-meeting__date", "-meeting_id")
        .values_list("meeting_id", "meeting__date")
        .distinct()
    )
    # A page of meetings at a time: a frequent topic comes up at hundreds at scale.
    page, query = paginate(request, meetings, TOPIC_MEETINGS_PER_PAGE)
    context = {
        "slug": slug,
        "name": topic.name if topic else slug.replace("-", " ").capitalize(),
        "topic": topic,
        "sections": timeline(request.user, items, page, meetings),
        "page": page,
        "query": query,
    }
    return render(request, "web/topics/topic_detail.html", context)


def named_items(slug: str, topic: Topic | None) -> Q:
    """Items under the topic, or whose titles hold every word of the slug."""
    words = [word for word in slug.split("-") if word]
    match = Q(pk__in=[]) if not words else reduce(and_, (Q(title__icontains=w) for w in words))
    if topic is not None:
        match |= Q(topics=topic)
    return match


def matching_items(items: QuerySet[Item], slug: str, topic: Topic | None) -> QuerySet[Item]:
    """Items under the topic, or whose titles hold every word of the slug, and the items
    under those (the sub-items of a theme, "2.3 Responding to calls" under "2 Mental
    health", hold its questions and actions)."""
    named = Item.objects.filter(named_items(slug, topic)).values_list("pk", flat=True)
    return (
        items.filter(pk__in=with_sub_items(named))
        .select_related("meeting", "meeting__series")
        .order_by("meeting__date", "position")
    )


def timeline(
    user: Any, items: QuerySet[Item], page: Page[Any], meetings: list[tuple[int, dt.date]]
) -> list[dict[str, Any]]:
    """The page's sections, newest first: one per meeting (its items under the topic, each
    with its rating, questions and actions), and one per day on which progress was
    reported on the topic's actions, between the page's oldest meeting and the newer
    meetings of the page before (the first page: up to today)."""
    shown = list(page.object_list)
    if not shown:
        return []
    found = list(items.filter(meeting_id__in=[pk for pk, _ in shown]))
    sections: dict[tuple[dt.date, int], dict[str, Any]] = {}
    for item in found:
        key = (item.meeting.date, item.meeting_id)
        section = sections.setdefault(key, {"date": key[0], "meeting": item.meeting, "items": []})
        section["items"].append(item)
    blocks = item_blocks(user, found)
    for section in sections.values():
        section["items"] = [blocks[item.pk] for item in section["items"]]
    start = page.start_index() - 1
    newer = meetings[start - 1][1] if start > 0 else None
    older = shown[-1][1] if page.has_next() else None
    for day, updates in progress(user, items, older, newer).items():
        sections.setdefault((day, 0), {"date": day, "meeting": None, "items": []})
        sections[(day, 0)]["updates"] = updates
    return [sections[key] for key in sorted(sections, reverse=True)]


def item_blocks(user: Any, found: list[Item]) -> dict[int, dict[str, Any]]:
    """Each item with its rating, its actions (status now) and its questions."""
    actions: dict[int, list[dict[str, Any]]] = {}
    for action in (
        visible_actions(user).filter(item__in=found).select_related("owner_post", "owner_holder")
    ):
        entry = {
            "action": action,
            "tag": status_tag(action),
            "restricted": action.effective_restricted,
        }
        actions.setdefault(action.item_id or 0, []).append(entry)
    questions: dict[int, list[Question]] = {}
    for question in Question.objects.filter(item__in=found):
        questions.setdefault(question.item_id or 0, []).append(question)
    return {
        item.pk: {
            "item": item,
            "assurance": assurance_tag(item.assurance),
            "actions": actions.get(item.pk, []),
            "questions": questions.get(item.pk, []),
        }
        for item in found
    }


def progress(
    user: Any, items: QuerySet[Item], after: dt.date | None, before: dt.date | None
) -> dict[dt.date, list[dict[str, Any]]]:
    """Updates the reader may see on the actions set under ``items``, dated on or after
    ``after`` and before ``before`` (either open), by day, newest first."""
    updates = (
        visible_updates(user)
        .filter(action__in=visible_actions(user).filter(item__in=items.values("pk")))
        .select_related("action", "author", "action__owner_post")
    )
    if after is not None:
        updates = updates.filter(date__gte=after)
    if before is not None:
        updates = updates.filter(date__lt=before)
    days: dict[dt.date, list[dict[str, Any]]] = {}
    for update in updates.order_by("-date", "-pk"):
        days.setdefault(update.date, []).append(
            {
                "update": update,
                "action": update.action,
                "status": update.get_status_display() if update.status else "",
                "colour": STATUS_COLOURS.get(update.status, ""),
                "signed": update_author(update, user),
            }
        )
    return days
