"""A world built once per session: what an ingest stored, kept as rows, put back in bulk.

:meth:`World.build` runs a function (an ingest) in a transaction, reads every row it
added to any table, and rolls it back. :meth:`World.restore` inserts those rows again,
with their keys, in a few statements a table (``bulk_create``, no ``save()`` signals:
the rows are as the ingest left them, flags and history included), then moves the
PostgreSQL sequences past them. A test that asks for the world pays that, not the ingest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

T = TypeVar("T")


class _RollBack(Exception):
    """Raised to undo the build once its rows are read."""


def _concrete_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]


def _keys(model: type[models.Model]) -> set[Any]:
    return set(model._base_manager.values_list("pk", flat=True))


@dataclass
class World(Generic[T]):
    """Rows added by a build, by model (in the order the models are registered), and
    what the build returned."""

    results: T
    rows: list[tuple[type[models.Model], list[dict[str, Any]]]] = field(default_factory=list)

    @classmethod
    def build(cls, make: Callable[[], T]) -> World[T]:
        """Run ``make`` in a transaction, keep the rows it added, roll it all back."""
        before = {model: _keys(model) for model in _concrete_models()}
        world: World[T] | None = None
        try:
            with transaction.atomic():
                results = make()
                world = cls(results)
                for model, known in before.items():
                    names = [f.attname for f in model._meta.concrete_fields]
                    added = [
                        row
                        for row in model._base_manager.order_by("pk").values(*names)
                        if row[model._meta.pk.attname] not in known
                    ]
                    if added:
                        world.rows.append((model, added))
                raise _RollBack
        except _RollBack:
            pass
        assert world is not None
        return world

    def restore(self) -> None:
        """Insert the rows again, keys and all, in one transaction (foreign keys are
        checked when it ends, so the tables' order does not matter)."""
        with transaction.atomic():
            for model, rows in self.rows:
                model._base_manager.bulk_create([model(**row) for row in rows])
            reset = connection.ops.sequence_reset_sql(no_style(), [m for m, _ in self.rows])
            with connection.cursor() as cursor:
                for sql in reset:
                    cursor.execute(sql)
