"""The schema of the case library, as pydantic models.

Why pydantic 2: it validates nested YAML into typed objects in one call, rejects unknown keys
(``extra="forbid"``) so a misspelt field is an error rather than silently ignored, and reports
every failure with its location, which :mod:`scenarios.loader` turns into the one
:class:`~scenarios.errors.ScenarioError` naming file and field.

These models check the shape of one file. Checks that need the whole library (citations
resolve, action ids exist, the rules for action questions) live in :mod:`scenarios.library`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from scenarios.marks import strip_marks

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
# Every text drops the ledger marks that tie a retold case's sentences to its facts (scenarios.ledger).
Text = Annotated[str, BeforeValidator(strip_marks), StringConstraints(strip_whitespace=True, min_length=1)]
# "WF2026 §Risk Assessment": a key from the guidance register, then a section it lists.
Citation = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]+ §\S.*$")]
Citations = Annotated[list[Citation], Field(min_length=1)]


class Strict(BaseModel):
    """Base for every library model: unknown keys are errors, and objects are immutable.

    Validators are built on first use (``defer_build``), not at import: a process that gets the
    library from the cache (:mod:`scenarios.library_cache`) never validates, so it never pays
    for building them."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Role(StrEnum):
    """Who carries out an action. Cohort reports group actions by these."""

    FOSTER_CARER = "foster-carer"
    RESIDENTIAL_STAFF = "residential-staff"
    SOCIAL_WORKER = "social-worker"
    POLICE = "police"
    HOME_OFFICE = "home-office"
    NRM_FIRST_RESPONDER = "nrm-first-responder"
    IRO = "iro"
    RETURN_INTERVIEW_WORKER = "return-interview-worker"
    HEALTH = "health"


class Rating(StrEnum):
    """How an action option serves the child at one decision point."""

    ESSENTIAL = "essential"
    HELPFUL = "helpful"
    NEUTRAL = "neutral"
    HARMFUL = "harmful"


class Indicator(StrEnum):
    """Facts about the child that the risk rules of the guidance turn on."""

    TRAFFICKING = "trafficking"
    EXPLOITATION = "exploitation"
    UNACCOMPANIED = "unaccompanied"
    NEWLY_ARRIVED = "newly-arrived"
    IMMIGRATION_RESTRICTION = "immigration-restriction"
    REPEAT_EPISODES = "repeat-episodes"
    WHEREABOUTS_KNOWN = "whereabouts-known"
    IMMEDIATE_DANGER = "immediate-danger"


# ----------------------------------------------------------------------------- guidance register


MAX_OPENING_WORDS = 10  # enough to find a paragraph; short of the 12 words seed_overlap flags as copying


class GuidanceSection(Strict):
    """One part of a document that citations may name: a heading the document really has, word
    for word, or a topic found by the opening words of the paragraph where it starts.

    Why two kinds: two of the documents reached the course as copies that lost their headings,
    and one groups its advice in a long list. A reader outside this repository must still be
    able to find what a citation points at, so a topic carries words they can search for.
    """

    heading: Text | None = Field(default=None, description="The document's own heading, verbatim")
    cite_as: Text | None = Field(default=None, description="The shorter name citations use for a heading")
    topic: Text | None = Field(default=None, description="The course's name for a part with no heading")
    starts: Text | None = Field(default=None, description="Opening words of the paragraph a topic starts at")
    resumes: list[Text] = Field(default=[], description="Opening words of further paragraphs of a topic")

    @model_validator(mode="after")
    def _one_kind(self) -> GuidanceSection:
        if (self.heading is None) == (self.topic is None):
            raise ValueError("each section is either a heading or a topic")
        if self.topic is not None and (self.starts is None or self.cite_as is not None):
            raise ValueError(f"topic {self.topic!r} needs `starts` (its opening words) and no `cite_as`")
        if self.heading is not None and (self.starts is not None or self.resumes):
            raise ValueError(f"heading {self.heading!r} is found by its own words; `starts` is for topics")
        for words in [self.starts or "", *self.resumes]:
            if len(words.split()) > MAX_OPENING_WORDS:
                raise ValueError(f"opening words are a locator, at most {MAX_OPENING_WORDS} words: {words!r}")
        return self

    @property
    def name(self) -> str:
        """The name citations use after the section sign."""
        return self.cite_as or self.heading or self.topic  # type: ignore[return-value]


class GuidanceDocument(Strict):
    """One of the five documents the course teaches: what it is, where the public can get it,
    the version taught, when the course last checked it and when it must check it again."""

    key: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]+$")]
    title: Text
    publisher: Text
    published: Text
    where: Text = Field(description="Where the public can get the document")
    url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] = Field(
        description="The address of the document itself, or of the page that offers it, for a link")
    link_note: Text | None = Field(default=None, description="What a reader does at `url` when it is not the "
                                   "document itself (e.g. 'ask the centre for the advice sheet')")
    version: Text = Field(description="The version the course teaches")
    checked: date = Field(description="When the course was last checked against this document")
    review_by: date = Field(description="When the course must check this document again")
    file: Text = Field(description="The copy the course was written from (for authors; never read at run time)")
    sections: Annotated[list[GuidanceSection], Field(min_length=1)]

    @property
    def section_names(self) -> list[str]:
        return [section.name for section in self.sections]

    @model_validator(mode="after")
    def _unique_and_dated(self) -> GuidanceDocument:
        names = self.section_names
        duplicates = sorted({s for s in names if names.count(s) > 1})
        if duplicates:
            raise ValueError(f"each section once; repeated: {', '.join(duplicates)}")
        if self.review_by <= self.checked:
            raise ValueError(f"{self.key}: review_by must come after checked")
        return self


class GuidanceRegister(Strict):
    content_checked: date = Field(description="The date the course start page gives as last checked")
    documents: Annotated[list[GuidanceDocument], Field(min_length=1)]

    def overdue(self, today: date) -> list[GuidanceDocument]:
        """Documents past their review date: the course may no longer match them."""
        return [d for d in self.documents if d.review_by < today]


# ----------------------------------------------------------------------------- risk scale


class HistoricalWording(Strict):
    """How a level was worded in an earlier scheme, so the course can teach the change."""

    scheme: Text
    label: Text
    summary: Text
    citations: Citations


class RiskLevel(Strict):
    """One level of the police risk scale. ``rank`` rises with risk; 0 is the lowest."""

    id: Slug
    label: Text
    rank: Annotated[int, Field(ge=0, le=10)]
    in_use: bool = Field(description="False for a category current police guidance no longer uses")
    definition: Text
    for_children: Text
    history: list[HistoricalWording] = []
    citations: Citations


class RiskRule(Strict):
    """A rule the guidance gives for grading a child: when any indicator is present, the
    level must be at least ``minimum_level``. ``as_at`` is the date the rule was last confirmed
    against its sources (``citations``): guidance changes, and a rule is only as good as that date."""

    id: Slug
    statement: Text
    when_any: Annotated[list[Indicator], Field(min_length=1)]
    minimum_level: Slug
    as_at: date
    citations: Citations


class RiskScale(Strict):
    levels: Annotated[list[RiskLevel], Field(min_length=2)]
    rules: list[RiskRule]
    debate: Text
    citations: Citations


# ----------------------------------------------------------------------------- action catalogue


class Action(Strict):
    """One thing a professional or carer can do (or does wrongly). Scenarios refer to it by id."""

    id: Slug
    label: Text
    who: Annotated[list[Role], Field(min_length=1)]
    documented_harm: bool = Field(
        default=False, description="A practice the guidance or the 2016 report shows doing harm"
    )
    explanation: Text
    citations: Citations


class ActionCatalogue(Strict):
    actions: Annotated[list[Action], Field(min_length=1)]


# ----------------------------------------------------------------------------- scenarios


class RiskQuestion(Strict):
    """Grade the risk on the police scale at this moment.

    ``key`` is the reference level. Where the guidance itself allows two levels (WF2026 has the
    police prioritise every missing child as medium or high, yet defines when low may apply),
    ``accepts`` lists every level that earns full marks, the key among them, and ``tension`` is
    the feedback that teaches why the documents leave room for both.
    """

    kind: Literal["risk"]
    id: Slug
    prompt: Text
    levels: Annotated[list[Slug], Field(min_length=2)]
    key: Slug
    accepts: list[Slug] = Field(default=[], description="Levels earning full marks; empty means just the key")
    tension: Text | None = Field(default=None, description="Why the guidance allows each accepted level")
    indicators: list[Indicator] = []
    rationale: Text
    citations: Citations

    @model_validator(mode="after")
    def _range_is_explained(self) -> RiskQuestion:
        if self.accepts and (self.key not in self.accepts or len(set(self.accepts)) < 2):
            raise ValueError("accepts lists two or more levels, the key among them")
        if bool(self.accepts) != (self.tension is not None):
            raise ValueError("a question that accepts a range explains it in `tension`, and only then")
        return self

    @property
    def accepted(self) -> list[str]:
        """The levels that earn full marks."""
        return list(self.accepts) or [self.key]


class ActionOption(Strict):
    action: Slug
    rating: Rating
    why: Text
    context: Text | None = Field(
        default=None,
        description="Why this action is rated differently here than at another decision point "
                    "(harmful here, helpful elsewhere; or essential here, neutral elsewhere)",
    )
    citations: list[Citation] = []


class ActionQuestion(Strict):
    """Choose what to do now, from options drawn from the action catalogue."""

    kind: Literal["actions"]
    id: Slug
    prompt: Text
    options: Annotated[list[ActionOption], Field(min_length=2)]
    rationale: Text
    citations: Citations


Question = Annotated[RiskQuestion | ActionQuestion, Field(discriminator="kind")]


class Stage(Strict):
    """One moment on the case's timeline, in hours from the child's arrival in care
    (negative before it, e.g. time in detention)."""

    id: Slug
    at_hours: float
    title: Text
    narrative: Text
    illustrative: list[Text] = Field(
        default=[], description="Details the course added that the source does not give"
    )
    questions: Annotated[list[Question], Field(min_length=1)]


class Source(Strict):
    kind: Literal["hbth2016-case", "procedure"]
    citation: Citation
    note: Text


class Child(Strict):
    name: Text
    age: Annotated[int, Field(ge=0, le=17)]
    background: Text


class Debrief(Strict):
    what_happened: Text
    what_guidance_says: Text
    citations: Citations


class Scenario(Strict):
    id: Slug
    title: Text
    source: Source
    content_note: Text
    assessment_only: bool = Field(
        default=False, description="Held back for the graded assessment; the course does not use it"
    )
    audiences: Annotated[
        list[Literal["social-worker", "police", "foster-carer"]], Field(min_length=1)
    ]
    child: Child
    stages: Annotated[list[Stage], Field(min_length=3)]
    debrief: Debrief

    def questions(self) -> list[RiskQuestion | ActionQuestion]:
        return [q for stage in self.stages for q in stage.questions]
