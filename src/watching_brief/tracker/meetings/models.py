"""Bodies hold series of meetings; each meeting has attendance, items and statements."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from watching_brief.tracker.dates import long_date


class Edited(models.Model):
    """Remembers which fields a person corrected, so a re-import never overwrites them,
    and counts the row's saves (``revision``), so a save made from a page read at an
    older revision can be refused instead of silently undoing a later one."""

    edited_fields = models.JSONField(default=list, blank=True, editable=False)
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def mark_edited(self, *fields: str) -> None:
        """Record that a person set these fields by hand."""
        self.edited_fields = sorted(set(self.edited_fields) | set(fields))

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every save of a stored row moves its revision on by one."""
        if self.pk is not None and not kwargs.get("force_insert"):
            self.revision += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)


class Body(models.Model):
    """An office or board that holds meetings (an OPCC, a police and crime panel), or the
    police force one holds to account, whose posts (CC, DCC, ACC, ranks) are its own."""

    class Kind(models.TextChoices):
        OFFICE = "office", "Office or board"
        FORCE = "force", "Police force"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICE)
    force = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offices",
        help_text="The police force this office holds to account (where its posts go).",
    )
    question_retention_months = models.PositiveSmallIntegerField(
        default=12,
        help_text="Months after which the names and addresses of questioners are erased.",
    )
    review_updates = models.BooleanField(
        "Publish updates after an officer reads them",
        default=False,
        help_text="The force's updates on this body's actions wait in the officers' review "
        "list and are shown to the public only once an officer approves them.",
    )
    full_marking = models.CharField(
        "protective marking of officers' copies",
        max_length=60,
        blank=True,
        default="OFFICIAL-SENSITIVE",
        help_text="Printed at the top and foot of every page of the full notes and packs.",
    )
    public_marking = models.CharField(
        "protective marking of public documents",
        max_length=60,
        blank=True,
        default="OFFICIAL",
        help_text="Printed on every page of the public notes; leave empty for none.",
    )

    class Meta:
        verbose_name_plural = "bodies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Series(models.Model):
    """A run of meetings of one kind (Monthly Assurance Meeting)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="series")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)

    class Meta:
        verbose_name_plural = "series"
        ordering = ["body", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "slug"], name="unique_series")]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    """A theme that comes back across meetings (mental health, public contact)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Meeting(Edited):
    """One meeting of a series, from its notes."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(max_length=300)
    date = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    chair = models.CharField(max_length=200, blank=True)
    minute_taker = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    next_meeting_date = models.DateField(null=True, blank=True)
    next_meeting_text = models.CharField(max_length=300, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="unique_meeting_date")
        ]
        # The newest meetings first (lists, the API's cursor pages, the dashboard's chart)
        # read through an index rather than sorting every meeting.
        indexes = [models.Index(fields=["date", "id"], name="meeting_date_idx")]

    def __str__(self) -> str:
        return f"{self.series} {long_date(self.date)}"


class Attendance(models.Model):
    """A person at (or sending apologies to) a meeting, in a post."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        VIRTUAL = "virtual", "Attended virtually"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="attended")
    post = models.ForeignKey("people.Post", on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(max_length=300, blank=True, help_text="Capacity as written.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRESENT)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]


class Item(Edited):
    """An agenda item or sub-item."""

    class Kind(models.TextChoices):
        OTHER = "", "Item"
        MATTERS_ARISING = "matters_arising", "Matters arising"
        THEME = "theme", "Theme"
        REVISIT = "revisit", "Revisit"
        INSPECTION = "inspection", "Inspection matters"
        AOB = "aob", "Any other business"
        NEXT_MEETING = "next_meeting", "Date of next meeting"
        PUBLIC_QUESTIONS = "public_questions", "Questions from the public"

    class Assurance(models.TextChoices):
        NOT_RATED = "", "Not rated"
        ASSURED = "assured", "Assured"
        PARTLY = "partly", "Partly assured"
        NOT_ASSURED = "not_assured", "Not assured"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(max_length=40, blank=True)
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    position = models.PositiveIntegerField(default=0)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    assurance = models.CharField(max_length=12, choices=Assurance.choices, blank=True)
    restricted = models.BooleanField(default=False)
    restricted_reason = models.CharField(max_length=300, blank=True)
    public_summary = models.TextField(blank=True, help_text="What the public sees instead.")
    # Restricted itself or under a restricted item; kept current by tracker.access.
    effective_restricted = models.BooleanField(default=False, editable=False, db_index=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="items")
    source = models.JSONField(default=dict, blank=True)
    planning_note = models.TextField(
        blank=True,
        help_text="The forward plan's note on the theme, for the officers minuting the "
        "item; never published.",
    )

    class Meta:
        ordering = ["meeting", "position"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class Decision(Edited):
    """A decision or resolution recorded at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True)
    text = models.TextField()
    position = models.PositiveIntegerField(default=0)
    source = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["meeting", "position"]


class Question(Edited):
    """A question put by the holding body, and who put it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="questions")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True)
    asker = models.CharField(max_length=200, blank=True)
    asker_post = models.ForeignKey("people.Post", on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField()
    answer = models.TextField(blank=True, help_text="The answer given at the meeting.")
    question_set = models.ForeignKey(
        "programme.QuestionSet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    position = models.PositiveIntegerField(default=0)
    source = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["meeting", "position"]


class CarriedForward(Edited):
    """A matter brought back from an earlier meeting, linked to the action it repeats."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="carried_forward")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, null=True, blank=True)
    from_text = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    update = models.TextField(blank=True)
    status = models.CharField(max_length=10, blank=True)
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_forward",
    )
    match_score = models.FloatField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name_plural = "carried forward"


class SourceDocument(models.Model):
    """A file a meeting was imported from, with its extracted text and warnings."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, unique=True)
    media_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    text = models.TextField()
    record = models.JSONField(help_text="The extracted minutes record.")
    warnings = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.file_name


class MeetingVersion(models.Model):
    """The notes as published: one row each time a meeting is published or re-published.

    ``record`` is the public interchange record at that moment and ``text`` its readable
    form, so the history can show what changed between two versions.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.CharField(max_length=500, blank=True)
    record = models.JSONField()
    text = models.TextField()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="unique_meeting_version")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


class Amendment(models.Model):
    """Changes to one item of a published meeting, waiting for an officer to republish.

    Edits to a published meeting (the minute-taking page, its autosave) are kept here, not
    in the item, so the public goes on seeing the published notes; republishing applies
    every amendment of the meeting and records one new version. ``minutes`` holds the
    item's minutes as last typed (the values of :class:`..minuting.ItemMinutes`);
    ``revision`` counts its saves, so a stale page is refused here too.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="amendments")
    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="amendment")
    minutes = models.JSONField(default=dict)
    revision = models.PositiveIntegerField(default=1)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["meeting", "item__position"]

    def __str__(self) -> str:
        return f"Amendment to {self.item}"
