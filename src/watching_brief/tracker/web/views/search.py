"""Full-text search across meetings, items, questions, decisions and actions.

The backend (``tracker.search``) decides what the visitor may see, from ``web.roles``;
this page only reads the form, asks for one page of hits and shows them.
"""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify
from django.views.decorators.http import require_GET

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Question, Topic
from watching_brief.tracker.search.backends.base import (
    MAX_QUERY_LENGTH,
    NEWEST,
    RELEVANCE,
    SearchHit,
    get_backend,
)
from watching_brief.tracker.search.models import SearchEntry
from watching_brief.tracker.search.spelling import suggest
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.roles import visible_items, visible_meetings
from watching_brief.tracker.web.views.topics import named_items

PER_PAGE = 20
ANSWER_WORDS = 60
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y"]
KIND_COLOURS = {
    "meeting": "blue",
    "item": "purple",
    "question": "turquoise",
    "decision": "green",
    "action": "orange",
}
ANY = [("", "Any")]


class SearchForm(forms.Form):
    """The search words and filters; ``from`` and ``to`` are added in ``__init__`` (their
    names are Python keywords)."""

    q = forms.CharField(label="Search for", required=False, max_length=MAX_QUERY_LENGTH)
    kind = forms.ChoiceField(label="Kind", required=False, choices=ANY + SearchEntry.Kind.choices)
    series = forms.ChoiceField(label="Meeting series", required=False)
    owner = forms.CharField(label="Action owner", required=False, max_length=200)
    status = forms.ChoiceField(
        label="Action status", required=False, choices=ANY + Action.Status.choices
    )
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(RELEVANCE, "Best match first"), (NEWEST, "Newest meeting first")],
        widget=forms.RadioSelect,
    )
    group = forms.BooleanField(label="Group the results by meeting", required=False)

    def __init__(self, data: Any, series: list[tuple[str, str]]) -> None:
        if data is not None and not data.get("sort"):
            data = data.copy()
            data["sort"] = RELEVANCE  # the order shown as chosen when none was asked for
        super().__init__(data)
        self.fields["series"].choices = ANY + series  # type: ignore[attr-defined]
        hint = "For example, 27 1 2026"
        for name, label in (("from", "Meeting on or after"), ("to", "Meeting on or before")):
            self.fields[name] = forms.DateField(
                label=label, required=False, input_formats=DATE_FORMATS, help_text=hint
            )
            self.fields[name].error_messages["invalid"] = f"{label} must be a real date"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", "Meeting on or before must be the same as or after the first date")
        return data


class HitPages:
    """The backend's hits as a sequence a ``Paginator`` can page through, one search per
    page asked for (the first one also gives the total)."""

    def __init__(self, run: Any) -> None:
        self.run = run
        self.total: int | None = None
        self.capped = False
        self.cache: dict[tuple[int, int], list[SearchHit]] = {}

    def fetch(self, offset: int, limit: int) -> list[SearchHit]:
        if (offset, limit) not in self.cache:
            page = self.run(limit=limit, offset=offset)
            self.total, self.capped = page.total, page.capped
            self.cache[(offset, limit)] = page.hits
        return self.cache[(offset, limit)]

    def count(self) -> int:
        if self.total is None:
            self.fetch(self.first_offset, PER_PAGE)
        return self.total or 0

    first_offset = 0

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchHit]:
        start = window.start or 0
        return self.fetch(start, (window.stop or start + PER_PAGE) - start)


def series_choices(user: Any, asked: str = "") -> list[tuple[str, str]]:
    """Series of meetings the visitor may see, one per body (by id, named with the body:
    two bodies' series of one name are never merged). A slug from an old link is offered
    too, as "all bodies", when several bodies have a series of that slug."""
    rows = visible_meetings(user).values_list(
        "series_id", "series__name", "series__body__name", "series__slug"
    )
    rows = rows.distinct()
    choices = {(str(pk), f"{name} ({body})") for pk, name, body, _ in rows}
    if asked and not asked.isdigit() and sum(slug == asked for *_, slug in set(rows)) > 1:
        choices.add((asked, f"{asked} (all bodies)"))
    return sorted(choices, key=lambda row: row[1].casefold())


def _one_series(user: Any, params: QueryDict) -> QueryDict:
    """An old link's series slug as its series' id when only one body has such a series."""
    slug = params.get("series", "")
    if not slug or slug.isdigit():
        return params
    found = set(
        visible_meetings(user).filter(series__slug=slug).values_list("series_id", flat=True)
    )
    if len(found) != 1:
        return params
    params = params.copy()
    params["series"] = str(found.pop())
    return params


def filters_from(data: dict[str, Any]) -> dict[str, Any]:
    """The backend's keyword filters from the form's cleaned data."""
    return {
        "kinds": [data["kind"]] if data.get("kind") else None,
        "series": data.get("series") or None,
        "owner": (data.get("owner") or "").strip() or None,
        "status": data.get("status") or None,
        "date_from": data.get("from"),
        "date_to": data.get("to"),
        "sort": data.get("sort") or RELEVANCE,
    }


def hit_row(hit: SearchHit, answers: dict[int, str]) -> dict[str, Any]:
    """A hit for the template; the snippet is already escaped, with <mark> around words.
    A question's answer is given beside it."""
    answer = answers.get(hit.object_id, "") if hit.kind == SearchEntry.Kind.QUESTION else ""
    return {
        "kind": SearchEntry.Kind(hit.kind).label,
        "colour": KIND_COLOURS.get(hit.kind, ""),
        "title": hit.title,
        "url": hit.url,
        "snippet": mark_safe(hit.snippet),  # noqa: S308 - HTML-escaped by the backend
        "answer": Truncator(answer).words(ANSWER_WORDS),
        "date": hit.meeting_date,
        "meeting_id": hit.meeting_id,
    }


def question_answers(user: Any, hits: list[SearchHit]) -> dict[int, str]:
    """The answers of the questions among ``hits`` (hits the backend has checked against
    ``tracker.access``; read again here through it: their meeting and item visible)."""
    ids = [hit.object_id for hit in hits if hit.kind == SearchEntry.Kind.QUESTION]
    if not ids:
        return {}
    rows = Question.objects.filter(
        Q(item__isnull=True) | Q(item__in=visible_items(user)),
        pk__in=ids,
        meeting__in=visible_meetings(user),
    ).exclude(answer="")
    return dict(rows.values_list("pk", "answer"))


def meeting_groups(user: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's hits under their meetings, each meeting where its first hit is."""
    ids = {row["meeting_id"] for row in rows}
    meetings = {m.pk: m for m in visible_meetings(user).filter(pk__in=ids)}
    groups: dict[int, dict[str, Any]] = {}
    for row in rows:
        meeting = meetings.get(row["meeting_id"])
        if meeting is not None:
            groups.setdefault(meeting.pk, {"meeting": meeting, "hits": []})["hits"].append(row)
    return list(groups.values())


def topic_link(user: Any, query: str) -> dict[str, str] | None:
    """The topic page for the words searched, when the query is plain words and the reader
    may see an item on that topic (its timeline holds every promise about it)."""
    if not re.fullmatch(r"[^\W_]+(?: [^\W_]+)*", query.strip()):
        return None
    slug = slugify(query)
    topic = Topic.objects.filter(slug=slug).first()
    if not slug or not visible_items(user).filter(named_items(slug, topic)).exists():
        return None
    return {"slug": slug, "name": topic.name if topic else query.strip()}


def spelling_suggestion(request: HttpRequest, query: str, filters: dict[str, Any]) -> str | None:
    """A corrected query that finds something this reader may see, or None."""

    def finds_any(words: str) -> bool:
        page = get_backend().search(words, user=request.user, limit=1, **filters)
        return bool(page.hits)

    return suggest(query, finds_any)


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return max(1, int(raw)) if raw.isdigit() else 1


def run_search(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """One page of hits for the cleaned form, with the pagination context."""
    query = data.get("q") or ""
    filters = filters_from(data)

    def run(limit: int, offset: int) -> Any:
        return get_backend().search(query, user=request.user, limit=limit, offset=offset, **filters)

    hits = HitPages(run)
    hits.first_offset = (_page_number(request) - 1) * PER_PAGE
    page: Page[SearchHit] = Paginator(cast(Any, hits), PER_PAGE).get_page(_page_number(request))
    others = request.GET.copy()
    others.pop("page", None)
    answers = question_answers(request.user, list(page.object_list))
    results = [hit_row(hit, answers) for hit in page.object_list]
    suggestion = spelling_suggestion(request, query, filters)
    corrected = others.copy()
    corrected["q"] = suggestion or ""
    return {
        "page": page,
        "query_string": others.urlencode(),
        "results": results,
        "groups": meeting_groups(request.user, results) if data.get("group") else [],
        "total": page.paginator.count,
        "capped": hits.capped,
        "suggestion": suggestion,
        "topic": topic_link(request.user, query),
        "suggestion_query": corrected.urlencode(),
    }


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    params = _one_series(request.user, request.GET)
    form = SearchForm(params or None, series_choices(request.user, params.get("series", "")))
    context: dict[str, Any] = {"form": form, "searched": False, "errors": []}
    if form.is_bound and not form.is_valid():
        context["errors"] = error_list(form)
    elif form.is_bound and (form.cleaned_data.get("q") or "").strip():
        context.update(run_search(request, form.cleaned_data), searched=True)
    return render(request, "web/search/search.html", context)
