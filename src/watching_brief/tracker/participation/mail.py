"""The acknowledgement a questioner receives, as an e-mail message ready to send."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from watching_brief.tracker.notify.recipients import absolute
from watching_brief.tracker.participation.models import PublicQuestion


def _long(value: object) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"  # type: ignore[attr-defined]


def acknowledgement(question: PublicQuestion) -> EmailMessage:
    meeting = question.window.meeting
    body = meeting.series.body
    months = body.question_retention_months
    lines = [
        f"Dear {question.name},",
        "",
        f"Thank you for your question for the {meeting.series.name} of {body.name} "
        f"on {_long(meeting.date)}. We received it as:",
        "",
        *(f"  {line}" for line in question.text.splitlines()),
        "",
        "An officer reads every question before the meeting. It may be put at the meeting, "
        "answered in writing, combined with similar questions, or declined with a reason.",
        "Your name is published only if you agreed; your email address is never published. "
        f"We erase your name and address {months} months after we received them.",
        "",
        "The questions put and their answers will be published here:",
        absolute("web:public_questions", meeting.pk),
        "",
        "How we use your details:",
        absolute("web:privacy"),
    ]
    subject = f"Your question for the {meeting.series.name} on {_long(meeting.date)}"
    return EmailMessage(
        subject, "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, [question.email]
    )
