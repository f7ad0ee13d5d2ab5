"""Forms of the minute-taking and question set pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.minuting import (
    ActionRow,
    ItemMinutes,
    check_restriction,
)
from watching_brief.tracker.meetings.models import Decision, Item, Meeting, Question
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.programme.models import QuestionSet
from watching_brief.tracker.web.forms import GovukDateField

OTHER = "other"
DUE_HINT = "As people say it: in 6 months' time, by the next meeting, 31/03/21, end of June."
MAX_UPLOAD = 20 * 1024 * 1024


class ItemMinutesForm(forms.Form):
    """The minutes of one item: text, answers, decisions, rating and restriction."""

    text = forms.CharField(
        label="Minutes", required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    new_question = forms.CharField(
        label="Add a question put at the meeting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    new_decision = forms.CharField(
        label="Add a decision", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assurance = forms.ChoiceField(
        label="Assurance rating",
        choices=Item.Assurance.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    restricted = forms.BooleanField(label="Restricted: not shown to the public", required=False)
    restricted_reason = forms.CharField(
        label="Reason for restricting",
        help_text="For example the FOI exemption that applies.",
        max_length=300,
        required=False,
    )
    public_summary = forms.CharField(
        label="What the public sees instead",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        data: Any,
        item: Item,
        questions: list[Question],
        decisions: list[Decision],
        current: ItemMinutes | None = None,
        version: str = "",
    ) -> None:
        shown = current or ItemMinutes(
            text=item.text,
            assurance=item.assurance,
            restricted=item.restricted,
            restricted_reason=item.restricted_reason,
            public_summary=item.public_summary,
        )
        initial = {
            "text": shown.text,
            "assurance": shown.assurance,
            "restricted": shown.restricted,
            "restricted_reason": shown.restricted_reason,
            "public_summary": shown.public_summary,
            "new_question": shown.new_question,
            "new_decision": shown.new_decision,
            "version": version,
        }
        for question in questions:
            initial[f"answer_{question.pk}"] = shown.answers.get(question.pk, question.answer)
        for decision in decisions:
            initial[f"decision_{decision.pk}"] = shown.decisions.get(decision.pk, decision.text)
        super().__init__(data, initial=initial)
        self.questions = questions
        self.decisions = decisions
        for question in questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label="Answer", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        for number, decision in enumerate(decisions, start=1):
            self.fields[f"decision_{decision.pk}"] = forms.CharField(
                label=f"Decision {number}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def question_rows(self) -> list[tuple[Question, forms.BoundField]]:
        return [(q, self[f"answer_{q.pk}"]) for q in self.questions]

    def decision_fields(self) -> list[forms.BoundField]:
        return [self[f"decision_{d.pk}"] for d in self.decisions]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        errors = check_restriction(
            bool(data.get("restricted")),
            data.get("restricted_reason", ""),
            data.get("public_summary", ""),
        )
        for name, message in errors.items():
            self.add_error(name, message)
        return data


class ActionRowForm(forms.Form):
    """One action of the item: text, owner from the posts present, due as typed, status."""

    action_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    shown_status = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Action", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ChoiceField(label="Owner", required=False)
    owner_other = forms.CharField(label="Owner not in the list", max_length=200, required=False)
    due_text = forms.CharField(label="Due", help_text=DUE_HINT, max_length=200, required=False)
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices, required=False)

    def __init__(self, *args: Any, posts: list[tuple[Post, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "No owner"), *((str(p.pk), label) for p, label in posts)]
        choices.append((OTHER, "Someone else (type the owner below)"))
        self.fields["owner"].choices = choices  # type: ignore[attr-defined]
        self.posts = {str(post.pk): post for post, _ in posts}
        self.resolved: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        text = (data.get("text") or "").strip()
        typed = any((data.get(name) or "").strip() for name in ("owner_other", "due_text"))
        if not text and (data.get("action_id") or typed):
            self.add_error("text", "Enter the action")
        if data.get("owner") == OTHER and not (data.get("owner_other") or "").strip():
            self.add_error("owner_other", "Enter who owns the action")
        return data

    def row(self) -> ActionRow | None:
        """The typed action, or None for an empty new row."""
        data = self.cleaned_data
        if not (data.get("text") or "").strip():
            return None
        post = self.posts.get(data.get("owner") or "")
        owner_text = (data.get("owner_other") or "") if data.get("owner") == OTHER else ""
        return ActionRow(
            text=data["text"],
            pk=data.get("action_id"),
            owner_post=post,
            owner_text=owner_text,
            due_text=data.get("due_text") or "",
            status=data.get("status") or Action.Status.OPEN,
            revision=data.get("revision"),
            shown_status=data.get("shown_status") or None,
        )


ActionFormSet = forms.formset_factory(ActionRowForm, extra=0)


def action_initial(rows: list[ActionRow], posts: list[tuple[Post, str]]) -> list[dict[str, Any]]:
    """Initial rows for the item's actions (as stored, or as amended and not yet
    republished), and one blank row to add another."""
    known = {post.pk for post, _ in posts}
    due = dict(Action.objects.filter(pk__in=[r.pk for r in rows if r.pk]).values_list("pk", "due"))
    initial = []
    for row in rows:
        post_pk = row.owner_post.pk if row.owner_post else None
        in_list = post_pk in known
        date = due.get(row.pk or 0)
        initial.append(
            {
                "action_id": row.pk,
                "revision": row.revision,
                "shown_status": row.shown_status or row.status,
                "text": row.text,
                "owner": str(post_pk) if in_list else (OTHER if row.owner_text else ""),
                "owner_other": "" if in_list else row.owner_text,
                "due_text": row.due_text or (f"{date:%d/%m/%Y}" if date else ""),
                "status": row.status,
            }
        )
    initial.append({"status": Action.Status.OPEN})
    return initial


def item_minutes(form: ItemMinutesForm, rows: list[ActionRowForm]) -> ItemMinutes:
    """The values of valid forms, ready for :func:`..meetings.minuting.save_item`."""
    data = form.cleaned_data
    actions = [row for row in (r.row() for r in rows) if row is not None]
    return ItemMinutes(
        text=data["text"],
        assurance=data.get("assurance") or "",
        restricted=bool(data.get("restricted")),
        restricted_reason=data.get("restricted_reason") or "",
        public_summary=data.get("public_summary") or "",
        answers={q.pk: data.get(f"answer_{q.pk}") or "" for q in form.questions},
        new_question=data.get("new_question") or "",
        decisions={d.pk: data.get(f"decision_{d.pk}") or "" for d in form.decisions},
        new_decision=data.get("new_decision") or "",
        actions=actions,
        version=data.get("version") or None,
    )


class QuestionSetForm(forms.Form):
    """The questions sent to the force ahead of a meeting on one theme."""

    theme = forms.CharField(
        label="Theme", max_length=300, error_messages={"required": "Enter the theme"}
    )
    item = forms.ModelChoiceField(
        label="Agenda item (optional)",
        queryset=Item.objects.none(),
        required=False,
        empty_label="Not linked to an item yet",
    )
    questions = forms.CharField(
        label="Questions",
        help_text="One question a line.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter at least one question"},
    )
    sent_on = GovukDateField(label="Sent on", required=False, help_text="For example, 27 3 2026")
    response_due = GovukDateField(
        label="Written response due", required=False, help_text="For example, 10 4 2026"
    )

    def __init__(self, data: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        items = meeting.items.order_by("position")
        self.fields["item"].queryset = items  # type: ignore[attr-defined]
        self.fields["item"].label_from_instance = str  # type: ignore[attr-defined]

    def question_lines(self) -> list[str]:
        lines = self.cleaned_data.get("questions", "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sent, due = data.get("sent_on"), data.get("response_due")
        if sent and due and due < sent:
            self.add_error("response_due", "The response must be due on or after the date sent")
        return data


class QuestionSetResponseForm(QuestionSetForm):
    """The question set with the force's written response: text, file, date received."""

    response_received = GovukDateField(label="Written response received on", required=False)
    response_text = forms.CharField(
        label="Written response", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    response_file = forms.FileField(
        label="Upload the written response (optional)",
        help_text="A PDF, Word document or text file, up to 20 MB.",
        required=False,
    )

    def clean_response_file(self) -> Any:
        upload = self.cleaned_data.get("response_file")
        if upload and upload.size > MAX_UPLOAD:
            raise ValidationError("The file must be smaller than 20 MB")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_response = data.get("response_text", "").strip() or data.get("response_file")
        if has_response and not data.get("response_received"):
            self.add_error("response_received", "Enter the date the response was received")
        return data


def question_set_initial(question_set: QuestionSet) -> dict[str, Any]:
    questions = question_set.questions.order_by("position", "pk")
    return {
        "theme": question_set.theme,
        "item": question_set.item_id,
        "questions": "\n".join(q.text for q in questions),
        "sent_on": question_set.sent_on,
        "response_due": question_set.response_due,
        "response_received": question_set.response_received,
        "response_text": question_set.response_text,
    }
