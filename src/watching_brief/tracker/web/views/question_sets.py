"""Question sets sent to the force before a meeting, and its written responses (officers).

A response file is kept under MEDIA_ROOT and served only to officers, never publicly.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from watching_brief.tracker.meetings.minuting import set_questions
from watching_brief.tracker.programme.models import QuestionSet
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.minute_forms import (
    QuestionSetForm,
    QuestionSetResponseForm,
    question_set_initial,
)
from watching_brief.tracker.web.roles import is_officer, visible_meetings
from watching_brief.tracker.web.views.access import officers_only

officers = officers_only("Only officers may keep question sets.")


def overdue_question_sets(user: Any, today: dt.date) -> list[QuestionSet]:
    """Question sets whose written response is overdue; officers only (else empty)."""
    if not is_officer(user):
        return []
    return list(
        QuestionSet.objects.filter(response_due__lt=today, response_received__isnull=True)
        .select_related("meeting", "meeting__series")
        .order_by("response_due", "pk")
    )


@officers
def question_set_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    form = QuestionSetForm(request.POST or None, meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            question_set = QuestionSet.objects.create(
                meeting=meeting,
                item=data["item"],
                theme=data["theme"],
                sent_on=data["sent_on"],
                response_due=data["response_due"],
            )
            set_questions(question_set, form.question_lines())
        messages.success(request, f"Added the question set on {question_set.theme}.")
        return redirect("web:question_set_detail", pk=question_set.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "errors": error_list(form),
        "question_sets": meeting.question_sets.select_related("item").prefetch_related("questions"),
        "today": timezone.localdate(),
    }
    return render(
        request, "web/minuting/question_set_list.html", context, status=400 if form.errors else 200
    )


@officers
def question_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question_set = get_object_or_404(QuestionSet.objects.select_related("meeting"), pk=pk)
    meeting = question_set.meeting
    form = QuestionSetResponseForm(
        request.POST or None,
        meeting,
        files=request.FILES or None,
        initial=question_set_initial(question_set),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            for name in ("theme", "item", "sent_on", "response_due", "response_received"):
                setattr(question_set, name, data[name])
            question_set.response_text = data["response_text"]
            if data["response_file"]:
                question_set.response_file = data["response_file"]
            question_set.save()
            set_questions(question_set, form.question_lines())
        messages.success(request, f"Saved the question set on {question_set.theme}.")
        return redirect("web:question_set_detail", pk=question_set.pk)
    context = {
        "meeting": meeting,
        "question_set": question_set,
        "form": form,
        "errors": error_list(form),
        "overdue": question_set.response_overdue(timezone.localdate()),
        "file_name": Path(question_set.response_file.name).name
        if question_set.response_file
        else "",
    }
    return render(
        request,
        "web/minuting/question_set_detail.html",
        context,
        status=400 if form.errors else 200,
    )


@officers
@require_GET
def question_set_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    question_set = get_object_or_404(QuestionSet, pk=pk)
    if not question_set.response_file:
        raise Http404("No written response file.")
    try:
        handle = question_set.response_file.open("rb")
    except FileNotFoundError:
        raise Http404("The written response file is missing.") from None
    name = Path(question_set.response_file.name).name
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response
