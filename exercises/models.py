"""The schema of a multi-agency exercise ("Who knows what"), as pydantic models.

An exercise is data, so a trainer can write another one without Python: a case, the rounds
played on the case's clock, the roles trainees take and the information cards each role holds
privately. Each card is tied to a lead of the simulation (the words in :data:`LEADS`), names
the role it must reach for the lead to count, and cites the guidance that says it should have
moved. The models reuse the case library's strictness (unknown keys are errors) and its
loader, so a mistake is reported as one ScenarioError naming file and field.

Checks that need the whole file (ids unique, cards held and sent to roles that exist, rounds
in time order, parameters of the case known to the simulation) live in :mod:`exercises.library`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from scenarios.models import Child, Citations, Slug, Source, Strict, Text

# The leads of the simulation a card can stand for. simulations/ owns what each does; the
# exercise engine maps every word here to the model's parameters (a test keeps them in step).
Lead = Literal["photo", "phone", "social-media", "contacts", "family", "home-office"]
LEADS: tuple[str, ...] = Lead.__args__


class Round(Strict):
    """One moment on the case's clock. Whatever a role shares in this round reaches the other
    role by ``at_hours`` after the child was reported missing."""

    id: Slug
    title: Text = Field(description="Heading the players see, e.g. 'The first hour'")
    by_when: Text = Field(description="The same moment in a sentence, e.g. 'within the first hour'")
    at_hours: Annotated[float, Field(gt=0)]
    narrative: Text


class ExerciseRole(Strict):
    """A seat at the table: who the trainee plays and what they are told about it."""

    id: Slug
    title: Text
    in_a_sentence: Text = Field(description="How the debrief names the role mid-sentence, e.g. 'the social worker'")
    briefing: Text
    illustrative: bool = Field(default=False, description="True when the source does not say what this agency knew")


class Card(Strict):
    """One piece of information one role holds privately when the exercise starts."""

    id: Slug
    title: Text
    text: Text = Field(description="What the holder knows, as the card shows it")
    held_by: Slug
    lead: Lead
    must_reach: Slug = Field(description="The role that acts on it; the lead counts once this role knows")
    should_reach_by_hours: Annotated[float, Field(ge=0)] = Field(
        description="When the guidance says it should have reached that role; the first round stands for "
                    "'with the first call'")
    should_move: Text = Field(description="What the guidance says should happen to it, in plain words")
    citations: Citations
    illustrative: bool = Field(default=False, description="True when the source does not give this card")


class CaseSetting(Strict):
    """A fact of the case that every run of the simulation shares (e.g. reported at once)."""

    parameter: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    value: float
    why: Text
    citations: Citations


class ExerciseDebrief(Strict):
    what_happened: Text
    what_guidance_says: Text
    citations: Citations


class Exercise(Strict):
    id: Slug
    title: Text
    kind: Literal["who-knows-what"]
    source: Source
    content_note: Text
    child: Child
    situation: Text
    clock: Text = Field(description="When the clock starts, in plain words")
    illustrative: list[Text] = Field(default=[], description="Details the course added that the source does not give")
    case_settings: list[CaseSetting] = []
    rounds: Annotated[list[Round], Field(min_length=2)]
    roles: Annotated[list[ExerciseRole], Field(min_length=2)]
    cards: Annotated[list[Card], Field(min_length=1)]
    debrief: ExerciseDebrief
