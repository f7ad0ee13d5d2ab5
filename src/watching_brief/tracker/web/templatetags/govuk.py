"""Template helpers for the GOV.UK conventions every page follows.

* ``{{ value|govuk_date }}``: a date as GOV.UK writes it, "30 April 2026";
  ``|govuk_date:"weekday"`` gives "Thursday 30 April 2026", ``|govuk_date:"short"``
  "30 Sept 2026" (narrow table columns), and a date and time reads
  "30 April 2026 at 5:30pm". Machine-readable copies stay ISO:
  ``<time datetime="{{ value|date:'Y-m-d' }}">``.
* ``{% form_has_errors %}``: true when any form on the page was sent back with errors,
  for the "Error: " the page title starts with then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.forms.formsets import BaseFormSet

from watching_brief.tracker import dates

register = template.Library()

STYLES = {"": dates.long_date, "weekday": dates.weekday_date, "short": dates.short_date}


@register.filter
def govuk_date(value: Any, style: str = "") -> str:
    """``value`` (a date, a date and time, or an ISO date string) written the GOV.UK way;
    "" for no date."""
    if value in (None, ""):
        return ""
    if style not in STYLES:
        raise template.TemplateSyntaxError(f"govuk_date: no style {style!r}; use {sorted(STYLES)}")
    if isinstance(value, dt.datetime):
        if style:
            return STYLES[style](dates.local(value).date())
        return dates.date_and_time(value)
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)  # text as written ("end of March"): shown as it is
    if isinstance(value, dt.date):
        return STYLES[style](value)
    return str(value)


def _has_errors(value: Any) -> bool:
    # By the value's own type, never ``isinstance``: that asks a lazy object (the CSRF
    # token, the user) for its class, which evaluates it, and a page that evaluated its
    # CSRF token can no longer be cached for the public.
    kind = type(value)
    if issubclass(kind, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, BaseFormSet):
        return value.is_bound and (bool(value.non_form_errors()) or any(value.errors))
    return False


def _values(context: template.Context) -> Iterable[Any]:
    for layer in context.dicts:
        yield from layer.values()


@register.simple_tag(takes_context=True)
def form_has_errors(context: template.Context) -> bool:
    """Any bound form or formset in the context with errors, or an ``errors`` list the view
    gave (pages that check their fields by hand)."""
    if context.get("errors"):
        return True
    return any(_has_errors(value) for value in _values(context))


@register.inclusion_tag("web/components/_navigation_item.html", takes_context=True)
def navigation_item(context: template.Context, url: str, text: str) -> dict[str, Any]:
    """An item of the service navigation, marked as the page (``aria-current="page"``)
    or the section the page is in (``aria-current="true"``, every path under it)."""
    request = context.get("request")
    path = request.path if request is not None else ""
    current = "page" if path == url else ""
    if not current and url != "/" and path.startswith(url):
        current = "true"
    return {"url": url, "text": text, "current": current}


@register.filter
def govuk_time(value: dt.time | None) -> str:
    """A time the GOV.UK way: "5:30pm", "9am", "midday"; "" for none."""
    return dates.clock_time(value) if value else ""
