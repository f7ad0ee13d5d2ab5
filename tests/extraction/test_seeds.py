"""Behaviour on the two real seed notes that the scorer does not measure."""

from __future__ import annotations

import datetime as dt

from watching_brief.extraction import extract_text


def test_weekday_that_does_not_match_the_date_is_flagged(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2020-09"])
    assert minutes.date == dt.date(2020, 9, 24)
    weekday = [w for w in minutes.warning_details if w.code == "weekday"]
    assert len(weekday) == 1
    assert "Tuesday" in weekday[0].message and "Thursday" in weekday[0].message
    assert minutes.date_text == "Tuesday 24th September"


def test_matching_weekday_is_not_flagged(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2021-04"])
    assert not [w for w in minutes.warning_details if w.code == "weekday"]


def test_year_taken_from_title_is_flagged(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2021-04"])
    assert [w.code for w in minutes.warning_details if w.code == "year"] == ["year"]


def test_owner_codes_detached_into_the_sentence_are_removed(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2021-04"])
    call_handling = next(a for a in minutes.actions if "call handling" in a.text)
    assert call_handling.text == (
        "CC to ensure the call handling plan is refreshed setting out how the force will "
        "improve the service to the public."
    )
    assert call_handling.owner == "CC"


def test_capacity_written_in_words_resolves_to_the_attendee(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2021-04"])
    demo = next(a for a in minutes.actions if "demonstration" in a.text)
    assert (demo.owner, demo.owner_text) == ("SO", "Staff office")


def test_relative_due_date_keeps_its_phrase(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2021-04"])
    revisit = minutes.actions[0]
    assert revisit.due == dt.date(2021, 10, 27)
    assert revisit.due_text == "in 6 months’ time"


def test_carried_forward_matter_names_its_meeting(seed_texts: dict[str, str]) -> None:
    minutes = extract_text(seed_texts["monthly-assurance-2020-09"])
    assert [(c.item, c.from_) for c in minutes.carried_forward] == [("1", "September 2019")]
    assert minutes.carried_forward[0].text.endswith("mental health of the workforce.")
