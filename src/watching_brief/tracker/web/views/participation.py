"""Questions from the public: the session page and its form, the officers' moderation,
and the privacy notice."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from watching_brief.tracker.access import visible_items
from watching_brief.tracker.api.throttling import client_address
from watching_brief.tracker.meetings.models import Body, Meeting, Question
from watching_brief.tracker.notify.notices import send_after_commit
from watching_brief.tracker.participation import limits, services
from watching_brief.tracker.participation.mail import acknowledgement
from watching_brief.tracker.participation.models import PublicQuestion, QuestionWindow
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.participation_forms import (
    ModerationForm,
    OutcomeForm,
    PublicQuestionForm,
    QuestionWindowForm,
)
from watching_brief.tracker.web.views.access import officers_only

officers = officers_only("Only officers may moderate questions from the public.")


def _window(pk: int) -> QuestionWindow:
    """A meeting's question window: the window itself is public once an officer opens it."""
    return get_object_or_404(
        QuestionWindow.objects.select_related("meeting__series__body"), meeting_id=pk
    )


def answered(user: Any, window: QuestionWindow) -> dict[str, list[Question]]:
    """The questions put and those answered in writing, as far as the viewer may see them."""
    items = visible_items(user).filter(meeting_id=window.meeting_id)
    rows = (
        PublicQuestion.objects.filter(
            window=window,
            status=PublicQuestion.Status.ACCEPTED,
            question__item__in=items,
        )
        .exclude(outcome="")
        .select_related("question")
        .order_by("question__position", "pk")
    )
    grouped: dict[str, list[Question]] = {"put": [], "written": []}
    for row in rows:
        if row.question is not None:
            grouped[row.outcome].append(row.question)
    return grouped


def session(request: HttpRequest, pk: int) -> HttpResponse:
    """The public page of one session: the form while open, the answers once published."""
    window = _window(pk)
    meeting = window.meeting
    form = PublicQuestionForm(request.POST or None)
    if request.method == "POST":
        if not window.is_open():
            messages.error(request, "Questions for this meeting are closed.")
            return redirect("web:public_questions", pk=pk)
        if form.is_valid():
            return _receive(request, window, form)
    published = meeting.status == Meeting.Status.PUBLISHED
    context = {
        "window": window,
        "meeting": meeting,
        "open": window.is_open(),
        "today": timezone.localdate(),
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "published": published,
        "answered": answered(request.user, window) if published else {},
    }
    return render(request, "web/participation/session.html", context)


def _receive(
    request: HttpRequest, window: QuestionWindow, form: PublicQuestionForm
) -> HttpResponse:
    data = form.cleaned_data
    if form.is_trap():
        # A script filled the field people never see: tell it nothing, keep nothing.
        return redirect("web:public_question_sent", pk=window.meeting_id)
    network = services.network_of(client_address(request))
    if not limits.allow(data["email"], network):
        return render(request, "web/participation/too_many.html", {"window": window}, status=429)
    with transaction.atomic():
        question = services.submit(
            window,
            text=data["text"],
            name=data["name"],
            email=data["email"],
            area=data["area"],
            publish_name=data["publish_name"] == "yes",
            network=network,
        )
        send_after_commit([acknowledgement(question)])
    return redirect("web:public_question_sent", pk=window.meeting_id)


@require_GET
def sent(request: HttpRequest, pk: int) -> HttpResponse:
    window = _window(pk)
    return render(request, "web/participation/sent.html", {"window": window})


@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    """Every session open for questions, and the past sessions whose notes are published."""
    today = timezone.localdate()
    windows = QuestionWindow.objects.select_related("meeting__series__body")
    context = {
        "open": windows.filter(opens__lte=today, closes__gte=today).order_by("closes"),
        "past": windows.filter(meeting__status=Meeting.Status.PUBLISHED).order_by("-meeting__date")[
            :50
        ],
    }
    return render(request, "web/participation/list.html", context)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.filter(series__meetings__question_window__isnull=False).distinct()
    return render(request, "web/participation/privacy.html", {"bodies": bodies})


@officers
def window_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting.objects.select_related("series__body"), pk=pk)
    window = QuestionWindow.objects.filter(meeting=meeting).first()
    form = QuestionWindowForm(
        request.POST or None,
        initial=QuestionWindowForm.initial_for(window),
        meeting_date=meeting.date,
    )
    if request.method == "POST" and form.is_valid():
        QuestionWindow.objects.update_or_create(meeting=meeting, defaults=form.cleaned_data)
        messages.success(request, "The meeting is open for questions from the public.")
        return redirect("web:public_question_moderation", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "window": window,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
    }
    return render(request, "web/participation/window.html", context)


def _decide(
    request: HttpRequest, question: PublicQuestion
) -> tuple[ModerationForm | OutcomeForm, bool]:
    """Apply the moderation or outcome form posted for one question; (form, done)."""
    form: ModerationForm | OutcomeForm
    if "outcome-for" in request.POST:
        form = OutcomeForm(request.POST, question=question)
        if form.is_valid():
            data = form.cleaned_data
            services.set_outcome(question, data["outcome"], request.user, data["answer"])
            return form, True
        return form, False
    form = ModerationForm(request.POST, question=question)
    if not form.is_valid():
        return form, False
    data = form.cleaned_data
    if data["decision"] == "accept":
        services.accept(question, request.user, data["wording"])
    elif data["decision"] == "merge":
        services.merge(question, data["into"], request.user)
    else:
        services.decline(question, data["reason"], request.user)
    return form, True


def _rows(
    window: QuestionWindow, posted: ModerationForm | OutcomeForm | None
) -> list[dict[str, Any]]:
    """Each question with its forms; the one just posted keeps what was typed."""
    questions = window.questions.select_related("merged_into", "question").prefetch_related(
        "records__by"
    )
    rows = []
    for question in questions:
        minuted = question.question
        initial = {"outcome": question.outcome, "answer": minuted.answer if minuted else ""}
        row: dict[str, Any] = {
            "question": question,
            "form": ModerationForm(question=question),
            "outcome": OutcomeForm(question=question, initial=initial),
        }
        if posted is not None and posted.question.pk == question.pk:
            row["form" if isinstance(posted, ModerationForm) else "outcome"] = posted
        rows.append(row)
    return rows


@officers
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    window = _window(pk)
    errors: list[tuple[str, str]] = []
    posted = None
    if request.method == "POST":
        chosen = request.POST.get("question") or request.POST.get("outcome-for") or ""
        if not chosen.isdigit():
            raise Http404
        question = get_object_or_404(window.questions.all(), pk=int(chosen))
        try:
            posted, done = _decide(request, question)
            errors = [] if done else error_list(posted)
        except services.ModerationError as error:
            errors, done = [("#main-content", str(error))], False
        if done:
            messages.success(request, "Saved the decision.")
            return redirect("web:public_question_moderation", pk=pk)
    rows = _rows(window, posted)
    counts = {status.label: 0 for status in PublicQuestion.Status}
    for row in rows:
        counts[row["question"].get_status_display()] += 1
    context = {
        "window": window,
        "meeting": window.meeting,
        "rows": rows,
        "counts": counts,
        "errors": errors,
    }
    return render(request, "web/participation/moderation.html", context)
