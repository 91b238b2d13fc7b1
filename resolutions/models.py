"""The archive: resolutions, their texts per language, clauses, footnotes and references."""

from __future__ import annotations

from django.db import models

from .links import resolution_path


class Language(models.TextChoices):
    CHINESE = "zh", "中文"
    ENGLISH = "en", "English"


class Resolution(models.Model):
    """One General Assembly resolution (or a draft not yet adopted), whatever its languages.

    ``key`` is the identity: the canonical symbol, or for a draft without a symbol
    ``draft:<session>:<title>`` so that re-ingesting it finds it again.
    """

    class AdoptionType(models.TextChoices):
        WITHOUT_VOTE = "without_vote", "Without a vote"
        RECORDED_VOTE = "recorded_vote", "Recorded vote"
        OTHER = "other", "Other"

    key = models.CharField(max_length=300, unique=True)
    symbol = models.CharField(max_length=64, unique=True, null=True, blank=True)
    is_draft = models.BooleanField(default=False)
    session = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    session_kind = models.CharField(max_length=20, default="regular")
    number = models.PositiveIntegerField(null=True, blank=True)
    letter = models.CharField(max_length=2, blank=True)
    adopted = models.DateField(null=True, blank=True, db_index=True)
    meeting = models.PositiveIntegerField(null=True, blank=True)
    agenda_item = models.CharField(max_length=200, blank=True)
    agenda_item_name = models.TextField(blank=True)
    draft_symbol = models.CharField(max_length=100, blank=True, help_text="The draft adopted")
    committee = models.CharField(max_length=200, blank=True)
    adoption_type = models.CharField(max_length=20, choices=AdoptionType.choices, blank=True)
    votes_yes = models.PositiveIntegerField(null=True, blank=True)
    votes_no = models.PositiveIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(null=True, blank=True)
    meeting_record = models.CharField(max_length=100, blank=True)
    metadata_checksum = models.CharField(max_length=64, blank=True)
    # How many other resolutions cite this one: kept by ingest after every run (see
    # ``ingestion.resolve_references``), so that lists sort by it without counting.
    cited_count = models.PositiveIntegerField(default=0, db_index=True)
    subjects = models.ManyToManyField("Subject", blank=True, related_name="resolutions")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "number", "letter", "key"]

    def __str__(self) -> str:
        return self.symbol or self.key

    def get_absolute_url(self) -> str | None:
        """Its page (``/A/RES/65/123/``, ``/drafts/<slug>/``); None when its symbol is no
        page symbol (see ``resolutions.links``)."""
        return resolution_path(self)

    @property
    def label(self) -> str:
        return self.symbol or f"Draft ({self.key.split(':', 2)[-1]})"


class ResolutionText(models.Model):
    """The text of a resolution in one language, with the file it came from kept verbatim."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(max_length=2, choices=Language.choices)
    title = models.TextField(blank=True)
    source_name = models.CharField(max_length=500)
    source_format = models.CharField(max_length=20, blank=True)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the source bytes")
    raw_text = models.TextField()
    sponsors = models.JSONField(default=list, blank=True, help_text="Sponsors printed on a draft")
    # What this text itself states, kept beside its resolution's (which the first source
    # set): the two languages may disagree, and the page then shows both.
    adopted = models.DateField(null=True, blank=True, help_text="Adoption date this text gives")
    meeting = models.PositiveIntegerField(null=True, blank=True, help_text="Meeting it gives")
    ingested = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["resolution", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "language"], name="one_text_per_language"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=Language.values), name="text_language_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resolution} [{self.language}]"


class Clause(models.Model):
    """A preambular or operative paragraph, in document order."""

    class Kind(models.TextChoices):
        PREAMBULAR = "preambular", "Preambular"
        OPERATIVE = "operative", "Operative"

    text = models.ForeignKey(ResolutionText, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveIntegerField(help_text="1-based order in the text")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    ordinal = models.PositiveIntegerField(help_text="1-based order among clauses of its kind")
    number = models.PositiveIntegerField(null=True, blank=True, help_text="Printed number")
    lead = models.CharField(max_length=200, blank=True)
    body = models.TextField(help_text="Clean text, lead phrase included")
    section = models.CharField(max_length=500, blank=True)
    element_id = models.CharField(max_length=100, blank=True)
    footnotes = models.ManyToManyField("Footnote", blank=True, related_name="cited_by")

    class Meta:
        ordering = ["text", "position"]
        constraints = [
            models.UniqueConstraint(fields=["text", "position"], name="clause_position_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["preambular", "operative"]), name="clause_kind_known"
            ),
        ]

    def __str__(self) -> str:
        where = f"para {self.number}" if self.number else f"preamble {self.ordinal}"
        return f"{self.text} {where}"

    @property
    def anchor(self) -> str:
        """The ``cited_in`` name used by parsers and exports: ``operative:3``."""
        return f"{self.kind}:{self.ordinal}"


class Subparagraph(models.Model):
    """A sub-paragraph (a), (b) … of a clause; ``depth`` 2 is (i), (ii) … under a letter."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="subparagraphs")
    position = models.PositiveIntegerField()
    depth = models.PositiveSmallIntegerField(default=1)
    label = models.CharField(max_length=10)
    body = models.TextField()

    class Meta:
        ordering = ["clause", "position"]
        constraints = [
            models.UniqueConstraint(fields=["clause", "position"], name="subparagraph_unique")
        ]

    def __str__(self) -> str:
        return f"({self.label})"


class Footnote(models.Model):
    text = models.ForeignKey(ResolutionText, on_delete=models.CASCADE, related_name="footnotes")
    position = models.PositiveIntegerField()
    marker = models.CharField(max_length=10)
    body = models.TextField()

    class Meta:
        ordering = ["text", "position"]
        constraints = [models.UniqueConstraint(fields=["text", "position"], name="footnote_unique")]

    def __str__(self) -> str:
        return f"{self.text} note {self.marker}"


class Annex(models.Model):
    text = models.ForeignKey(ResolutionText, on_delete=models.CASCADE, related_name="annexes")
    position = models.PositiveIntegerField()
    title = models.TextField(blank=True)
    body = models.TextField()

    class Meta:
        ordering = ["text", "position"]
        verbose_name_plural = "annexes"

    def __str__(self) -> str:
        return f"{self.text} annex {self.position}"


class Reference(models.Model):
    """A symbol a clause or footnote cites, linked to the cited resolution when archived."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", "Resolution"
        DECISION = "decision", "Decision"
        DOCUMENT = "document", "Document"

    text = models.ForeignKey(ResolutionText, on_delete=models.CASCADE, related_name="references")
    clause = models.ForeignKey(
        Clause, null=True, blank=True, on_delete=models.CASCADE, related_name="references"
    )
    footnote = models.ForeignKey(
        Footnote, null=True, blank=True, on_delete=models.CASCADE, related_name="references"
    )
    symbol = models.CharField(max_length=100, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    cited_in = models.CharField(max_length=30, help_text="operative:3, footnote:1, header")
    target = models.ForeignKey(
        Resolution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )

    class Meta:
        ordering = ["text", "id"]
        # "Cited by": the citing texts of a resolution read from the index alone.
        indexes = [models.Index(fields=["target", "text"], name="reference_target_text")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["resolution", "decision", "document"]),
                name="reference_kind_known",
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.symbol}"


class Subject(models.Model):
    """A subject term: UNBIS Thesaurus, DHL authority, agenda, or an SDG goal (vocabulary "SDG")."""

    term = models.CharField(max_length=300)
    vocabulary = models.CharField(max_length=100)

    class Meta:
        ordering = ["vocabulary", "term"]
        constraints = [
            models.UniqueConstraint(fields=["term", "vocabulary"], name="subject_unique")
        ]

    def __str__(self) -> str:
        return self.term


class MemberState(models.Model):
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Vote(models.Model):
    """How one member state voted on one resolution in a recorded vote."""

    class Choice(models.TextChoices):
        YES = "Y", "In favour"
        NO = "N", "Against"
        ABSTAIN = "A", "Abstaining"

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="votes")
    state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(max_length=1, choices=Choice.choices)

    class Meta:
        ordering = ["resolution", "state"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "state"], name="one_vote_per_state"),
            models.CheckConstraint(
                condition=models.Q(choice__in=["Y", "N", "A"]), name="vote_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state}: {self.get_choice_display()}"


class Sponsorship(models.Model):
    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="sponsorships"
    )
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=300)
    additional = models.BooleanField(default=False)
    state = models.ForeignKey(
        MemberState, null=True, blank=True, on_delete=models.SET_NULL, related_name="sponsorships"
    )

    class Meta:
        ordering = ["resolution", "position"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "position"], name="sponsorship_unique")
        ]

    def __str__(self) -> str:
        return self.name
