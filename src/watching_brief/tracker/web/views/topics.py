"""Topics: themes across meetings, and the timeline of everything said under each.

With no Topic rows yet, the most frequent item titles stand in as topics; a topic's slug
then matches every item whose title holds all the slug's words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import reduce
from operator import and_
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from watching_brief.tracker.meetings.models import Item, Question, Topic
from watching_brief.tracker.web.roles import visible_actions, visible_items
from watching_brief.tracker.web.views.shared import (
    PROCEDURAL,
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


TOPIC_ITEMS_PER_PAGE = 30


@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = Topic.objects.filter(slug=slug).first()
    items = matching_items(visible_items(request.user), slug, topic)
    # A page of the timeline at a time: a frequent topic has hundreds of items at scale.
    page, query = paginate(request, items, TOPIC_ITEMS_PER_PAGE)
    context = {
        "slug": slug,
        "name": topic.name if topic else slug.replace("-", " ").capitalize(),
        "topic": topic,
        "entries": timeline(request.user, page.object_list),
        "page": page,
        "query": query,
    }
    return render(request, "web/topics/topic_detail.html", context)


def matching_items(items: QuerySet[Item], slug: str, topic: Topic | None) -> QuerySet[Item]:
    """Items under the topic, or whose titles hold every word of the slug."""
    words = [word for word in slug.split("-") if word]
    match = Q(pk__in=[]) if not words else reduce(and_, (Q(title__icontains=w) for w in words))
    if topic is not None:
        match |= Q(topics=topic)
    return (
        items.filter(match)
        .select_related("meeting", "meeting__series")
        .distinct()
        .order_by("meeting__date", "position")
    )


def timeline(user: Any, items: Iterable[Item]) -> list[dict[str, Any]]:
    """Each item in date order with its rating, its actions (status now) and questions."""
    found = list(items)
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
    return [
        {
            "item": item,
            "assurance": assurance_tag(item.assurance),
            "actions": actions.get(item.pk, []),
            "questions": questions.get(item.pk, []),
        }
        for item in found
    ]
