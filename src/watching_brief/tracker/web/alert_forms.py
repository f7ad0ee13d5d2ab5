"""The form to follow something by e-mail, and the choice of how often."""

from __future__ import annotations

from django import forms

from watching_brief.tracker.alerts.models import Subscription
from watching_brief.tracker.web.participation_forms import email_field


class AlertForm(forms.Form):
    email = email_field("We send a message to confirm it is yours before any alert.")
    frequency = forms.ChoiceField(
        label="How often do you want alerts?",
        choices=Subscription.Frequency.choices,
        initial=Subscription.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you want alerts"},
    )
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscription.Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often you want alerts"},
    )
