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

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# "WF2026 §Risk Assessment": a key from the guidance register, then a section it lists.
Citation = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]+ §\S.*$")]
Citations = Annotated[list[Citation], Field(min_length=1)]


class Strict(BaseModel):
    """Base for every library model: unknown keys are errors, and objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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


class GuidanceDocument(Strict):
    """One of the five documents the course teaches, with the section names it may cite."""

    key: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]+$")]
    title: Text
    publisher: Text
    published: Text
    file: Text
    sections: Annotated[list[Text], Field(min_length=1)]

    @field_validator("sections")
    @classmethod
    def _unique_sections(cls, sections: list[str]) -> list[str]:
        duplicates = sorted({s for s in sections if sections.count(s) > 1})
        if duplicates:
            raise ValueError(f"each section once; repeated: {', '.join(duplicates)}")
        return sections


class GuidanceRegister(Strict):
    # Printed on a trainee's completion record: the last day someone checked the course against
    # these documents (a CPD record should say how current the training was).
    checked: date
    documents: Annotated[list[GuidanceDocument], Field(min_length=1)]


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
    level must be at least ``minimum_level``."""

    id: Slug
    statement: Text
    when_any: Annotated[list[Indicator], Field(min_length=1)]
    minimum_level: Slug
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
    """Grade the risk on the police scale at this moment."""

    kind: Literal["risk"]
    id: Slug
    prompt: Text
    levels: Annotated[list[Slug], Field(min_length=2)]
    key: Slug
    indicators: list[Indicator] = []
    rationale: Text
    citations: Citations


class ActionOption(Strict):
    action: Slug
    rating: Rating
    why: Text
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
