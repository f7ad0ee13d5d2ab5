"""One factory per model of the record (factory_boy), for tests that build what they need
instead of ingesting documents. Bodies, series, posts and people are looked up by their
natural keys first, as an import would match them; every other row is new."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import (
    Body,
    Decision,
    Item,
    Meeting,
    Question,
    Series,
)
from watching_brief.tracker.people.models import Person, Post, Tenure, name_key


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Testshire {n} OPCC")
    slug = factory.LazyAttribute(lambda body: slugify(body.name))


class SeriesFactory(DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("body", "slug")

    body = factory.SubFactory(BodyFactory)
    name = "Assurance Board"
    slug = factory.LazyAttribute(lambda series: slugify(series.name))


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post
        django_get_or_create = ("body", "key")

    body = factory.SubFactory(BodyFactory)
    abbrev = "DCC"
    title = "Deputy Chief Constable"
    key = factory.LazyAttribute(lambda post: name_key(post.abbrev or post.title))


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Person {n}")
    key = factory.LazyAttribute(lambda person: name_key(person.name))


class TenureFactory(DjangoModelFactory):
    class Meta:
        model = Tenure
        django_get_or_create = ("person", "post", "kind")

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    kind = Tenure.Kind.SUBSTANTIVE
    start = dt.date(2025, 1, 1)
    last_seen = factory.LazyAttribute(lambda tenure: tenure.start)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    series = factory.SubFactory(SeriesFactory)
    date = dt.date(2026, 3, 3)
    title = factory.LazyAttribute(lambda meeting: f"{meeting.series.name} {meeting.date:%B %Y}")
    status = Meeting.Status.DRAFT


class ItemFactory(DjangoModelFactory):
    class Meta:
        model = Item

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Item {n + 1}")
    position = factory.Sequence(lambda n: n)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    reference = factory.Sequence(lambda n: f"F-{n + 1}")
    text = factory.Sequence(lambda n: f"Report on matter {n + 1}")
    position = factory.Sequence(lambda n: n)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Question {n + 1}?")


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Decision {n + 1}.")
