"""The GOV.UK date input (day, month, year), for every form of the tracker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

DATE_PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Three boxes, day, month and year, named ``<name>_day`` and so on."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        parts: dict[str, forms.Widget | type[forms.Widget]] = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name in DATE_PARTS
        }
        super().__init__(parts, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year; what was typed is kept when it is wrong."""

    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        if not (day and month and year):
            raise ValidationError(f"{self.label} must include a day, month and year")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.label} must be a real date") from None
