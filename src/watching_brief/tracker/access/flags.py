"""The stored restriction flags, kept current whenever an item or action changes.

``Item.effective_restricted``: the item is restricted, or any item it sits under is.
``Action.effective_restricted``: the action is restricted on its own, or its item is
(effectively). Every surface filters on these flags (indexed), so a sub-item of a
restricted item, and the actions set under it, are hidden wherever the item is.

A save of an item or action sets its own flag before it is written (from its parent's
or item's stored flag); a save that may change an existing item's flag re-derives the
flags of its whole meeting (:func:`sync_meeting`: two reads, and writes only of flags
that changed). Code that changes ``restricted`` with ``QuerySet.update`` calls
:func:`sync_meeting` itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models.signals import post_save, pre_delete, pre_save

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Item


def withheld_items(items: Iterable[tuple[int, int | None, bool]]) -> set[int]:
    """The pks, among ``(pk, parent_pk, restricted)`` rows, restricted themselves or under
    a restricted item (at any depth; a loop of parents counts as not restricted)."""
    rows = {pk: (parent, restricted) for pk, parent, restricted in items}
    hidden: set[int] = set()
    for pk in rows:
        seen: set[int] = set()
        one: int | None = pk
        while one is not None and one in rows and one not in seen:
            seen.add(one)
            parent, restricted = rows[one]
            if restricted or one in hidden:
                hidden.add(pk)
                break
            one = parent
    return hidden


def sync_meeting(meeting_id: int | None) -> None:
    """Re-derive the flags of every item and action of one meeting; write those changed."""
    if meeting_id is None:
        return
    items = list(
        Item.objects.filter(meeting_id=meeting_id).values_list(
            "pk", "parent_id", "restricted", "effective_restricted"
        )
    )
    hidden = withheld_items((pk, parent, restricted) for pk, parent, restricted, _ in items)
    for value in (True, False):
        changed = [pk for pk, _, _, now in items if (pk in hidden) == value and now != value]
        if changed:
            Item.objects.filter(pk__in=changed).update(effective_restricted=value)
    actions = Action.objects.filter(meeting_id=meeting_id).values_list(
        "pk", "item_id", "restricted", "effective_restricted"
    )
    wanted: dict[bool, list[int]] = {True: [], False: []}
    for pk, item_id, restricted, now in actions:
        value = restricted or item_id in hidden
        if value != now:
            wanted[value].append(pk)
    for value, pks in wanted.items():
        if pks:
            Action.objects.filter(pk__in=pks).update(effective_restricted=value)
    if wanted[True] or wanted[False]:
        _changed_actions(wanted[True] + wanted[False])


def _changed_actions(pks: list[int]) -> None:
    """Meetings quoting these actions (matters arising) are reindexed for search."""
    from watching_brief.tracker.meetings.models import CarriedForward
    from watching_brief.tracker.search.index import mark_dirty

    quoting = CarriedForward.objects.filter(action_id__in=pks).values_list("meeting_id", flat=True)
    for meeting_id in set(quoting):
        mark_dirty(meeting_id)


def sync_all() -> None:
    """Every meeting's flags (after a data migration or a bulk change)."""
    from watching_brief.tracker.meetings.models import Meeting

    for meeting_id in Meeting.objects.values_list("pk", flat=True).iterator():
        sync_meeting(meeting_id)


def _item_flag(item: Item) -> bool:
    if item.restricted:
        return True
    if item.parent_id is None:
        return False
    if Item.parent.is_cached(item):
        parent = item.parent
        return bool(parent is not None and parent.effective_restricted)
    found = Item.objects.filter(pk=item.parent_id).values_list("effective_restricted", flat=True)
    return bool(found.first())


def action_flag(action: Action) -> bool:
    """What ``action.effective_restricted`` should be, from its item's stored flag."""
    if action.restricted:
        return True
    if action.item_id is None:
        return False
    if Action.item.is_cached(action):
        item = action.item
        return bool(item is not None and item.effective_restricted)
    found = Item.objects.filter(pk=action.item_id).values_list("effective_restricted", flat=True)
    return bool(found.first())


def flag_new_rows(items: Iterable[Item] = (), actions: Iterable[Action] = ()) -> None:
    """Set the flags of rows about to be written by ``bulk_create`` (which sends no
    signal), as a save would: each item from its parent (give parents before children),
    each action from its item, read from the related object when it is loaded."""
    for item in items:
        item.effective_restricted = _item_flag(item)
    for action in actions:
        action.effective_restricted = action_flag(action)


def _before_item_save(sender: Any, instance: Item, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    instance.effective_restricted = _item_flag(instance)


def _after_item_save(
    sender: Any, instance: Item, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not created:
        sync_meeting(instance.meeting_id)


def _before_action_save(sender: Any, instance: Action, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    was = instance.effective_restricted
    instance.effective_restricted = action_flag(instance)
    if instance.pk is not None and was != instance.effective_restricted:
        instance._access_flag_changed = True  # type: ignore[attr-defined]


def _after_action_save(sender: Any, instance: Action, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        sync_meeting(instance.meeting_id)
    elif getattr(instance, "_access_flag_changed", False):
        instance._access_flag_changed = False  # type: ignore[attr-defined]
        _changed_actions([instance.pk])


def _before_item_delete(sender: Any, instance: Item, **kwargs: Any) -> None:
    """Actions left without their item keep the restriction they had under it, as their own."""
    under = Action.objects.filter(item_id=instance.pk, effective_restricted=True, restricted=False)
    under.update(restricted=True)


def connect_signals() -> None:
    pre_save.connect(_before_item_save, sender=Item, dispatch_uid="access-item-flag")
    post_save.connect(_after_item_save, sender=Item, dispatch_uid="access-item-sync")
    pre_save.connect(_before_action_save, sender=Action, dispatch_uid="access-action-flag")
    post_save.connect(_after_action_save, sender=Action, dispatch_uid="access-action-sync")
    pre_delete.connect(_before_item_delete, sender=Item, dispatch_uid="access-item-delete")
