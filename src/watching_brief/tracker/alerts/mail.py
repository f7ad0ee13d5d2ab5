"""The alert e-mails: the confirmation (double opt-in) and the digest, each with a link
to manage alerts without an account and, on digests, a one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from watching_brief.tracker.alerts.changes import Change
from watching_brief.tracker.alerts.models import Subscription
from watching_brief.tracker.notify.recipients import absolute


def _site() -> str:
    return str(getattr(settings, "BRIEF_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def confirmation(subscription: Subscription) -> EmailMessage:
    lines = [
        f"Someone, we hope you, asked for e-mail alerts about {subscription.label()} "
        "from Watching Brief, the record of holding-to-account meetings.",
        "",
        "To start the alerts, confirm here:",
        absolute("web:alert_confirm", subscription.token),
        "",
        "If you did not ask for them, ignore this message: nothing will be sent.",
    ]
    return EmailMessage(
        f"Confirm your alerts about {subscription.label()}",
        "\n".join(lines) + "\n",
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
    )


def digest(subscription: Subscription, changes: list[Change]) -> EmailMessage:
    site = _site()
    unsubscribe = absolute("web:alert_unsubscribe", subscription.token)
    lines = [f"What changed about {subscription.label()}:", ""]
    for change in changes:
        lines.append(f"- {change.title}")
        if change.text:
            lines += [f"  {line}" for line in change.text.splitlines() if line.strip()]
        lines += [f"  {site}{change.path}", ""]
    lines += [
        "Manage your alerts (change how often, or stop them):",
        absolute("web:alert_manage", subscription.token),
        "",
        "Stop these alerts:",
        unsubscribe,
    ]
    count = len(changes)
    subject = f"{count} change{'s' if count != 1 else ''} about {subscription.label()}"
    message = EmailMessage(
        subject, "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, [subscription.email]
    )
    message.extra_headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return message
