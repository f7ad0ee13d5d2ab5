"""Forms of the public's questions: the question itself, the window, and moderation."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from watching_brief.tracker.dates import GovukDateField
from watching_brief.tracker.participation.models import PublicQuestion, QuestionWindow


def email_field(help_text: str) -> forms.EmailField:
    """An e-mail address a member of the public gives, with the GOV.UK error messages."""
    return forms.EmailField(
        label="Email address",
        max_length=254,
        help_text=help_text,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class PublicQuestionForm(forms.Form):
    """What a member of the public sends. ``website`` is a trap for scripts: people never
    see it (it is hidden from sight and from screen readers), so any value turns the
    sender away."""

    text = forms.CharField(
        label="Your question",
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your question"},
    )
    name = forms.CharField(
        label="Your name", max_length=200, error_messages={"required": "Enter your name"}
    )
    email = email_field("We send an acknowledgement here. It is never published.")
    area = forms.CharField(
        label="The town or area where you live",
        max_length=200,
        error_messages={"required": "Enter the town or area where you live"},
    )
    publish_name = forms.ChoiceField(
        label="May we publish your name with your question?",
        choices=[("yes", "Yes, publish my name"), ("no", "No, say 'a member of the public'")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether we may publish your name"},
    )
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        if len(text) < 10:
            raise forms.ValidationError("Your question must be at least 10 characters")
        return text

    def is_trap(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class QuestionWindowForm(forms.Form):
    """An officer opens a meeting for questions from the public."""

    opens = GovukDateField(
        label="Questions open on",
        help_text="For example, 1 3 2027",
        error_messages={"required": "Enter the date questions open"},
    )
    closes = GovukDateField(
        label="Questions close on",
        help_text="The last day a question may be sent.",
        error_messages={"required": "Enter the date questions close"},
    )
    guidance = forms.CharField(
        label="Guidance for people sending questions (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, meeting_date: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting_date = meeting_date

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens"), data.get("closes")
        if opens and closes and closes < opens:
            self.add_error("closes", "Questions must close on or after the date they open")
        elif closes and self.meeting_date and closes > self.meeting_date:
            self.add_error("closes", "Questions must close on or before the day of the meeting")
        return data

    @staticmethod
    def initial_for(window: QuestionWindow | None) -> dict[str, Any]:
        if window is None:
            return {}
        return {"opens": window.opens, "closes": window.closes, "guidance": window.guidance}


class AcceptedQuestionField(forms.ModelChoiceField[PublicQuestion]):
    """A choice of the session's accepted questions, shown by their opening words."""

    def label_from_instance(self, obj: PublicQuestion) -> str:
        return obj.text[:80]


MODERATION_DECISIONS = [
    ("accept", "Accept"),
    ("merge", "Merge with an accepted question"),
    ("decline", "Decline"),
]


class ModerationForm(forms.Form):
    """One decision on one question sent in."""

    decision = forms.ChoiceField(
        label="Decision",
        choices=MODERATION_DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )
    wording = forms.CharField(
        label="Wording to put at the meeting (optional)",
        help_text="Leave empty to put the question as sent.",
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    into = AcceptedQuestionField(
        label="Merge into",
        queryset=PublicQuestion.objects.none(),
        required=False,
        empty_label="Choose an accepted question",
    )
    reason = forms.ChoiceField(
        label="Reason for declining",
        choices=[("", "Choose a reason"), *PublicQuestion.Reason.choices],
        required=False,
    )

    def __init__(self, *args: Any, question: PublicQuestion, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"q{question.pk}")
        super().__init__(*args, **kwargs)
        self.question = question
        field = cast(AcceptedQuestionField, self.fields["into"])
        field.queryset = question.window.questions.filter(
            status=PublicQuestion.Status.ACCEPTED
        ).exclude(pk=question.pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "merge" and not data.get("into"):
            self.add_error("into", "Choose the accepted question to merge this one into")
        if data.get("decision") == "decline" and not data.get("reason"):
            self.add_error("reason", "Choose the reason the question is declined")
        return data


class OutcomeForm(forms.Form):
    """How an accepted question is answered: put at the meeting, or in writing."""

    outcome = forms.ChoiceField(
        label="How it is answered",
        choices=[
            (PublicQuestion.Outcome.PUT, "Put at the meeting"),
            (PublicQuestion.Outcome.WRITTEN, "Answered in writing"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the question is answered"},
    )
    answer = forms.CharField(
        label="Written answer (optional)",
        help_text="For a question answered in writing; a question put is answered on the "
        "minute page.",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, question: PublicQuestion, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"o{question.pk}")
        super().__init__(*args, **kwargs)
        self.question = question
