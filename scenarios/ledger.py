"""Fact ledgers: every claim a retold case makes, tied to where it comes from.

Why: the cases retold from *Heading back to harm* are about real children. A course that adds to
their story, or says a real carer did what the report does not say, loses the trust of the people
it trains. So each retold case has a ledger (``library/ledgers/<case>.yaml``) listing its facts,
each either sourced (a citation from the guidance register and a locator a reader can find in the
public document, in the course's own words) or illustrative (the course's own, with the reason).

The tie is a mark at the end of each sentence, ``{fact-id}`` or ``{fact-a, fact-b}``. Marked are
every sentence that tells the story (the child's background, each stage's narrative, what
happened in the debrief) and every other sentence that names the child or speaks of "the real
story" or "the report". The models strip the marks as they load (:mod:`scenarios.marks`), so nobody reading the
course sees them; :func:`ledger_problems` refuses an unmarked sentence, an unknown id and a
ledger fact no sentence uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import Field, model_validator

from scenarios.errors import Problem
from scenarios.marks import MARK
from scenarios.models import Citation, Slug, Strict, Text

# A new sentence starts after . ! or ? and a space, at a capital letter or an opening quote.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(‘“])")
# Phrases that make a sentence outside the story fields a claim about the real case.
REAL_CASE_PHRASES = ("real story", "the report", "This is what happened")


def _fields(case: dict) -> Iterator[tuple[str, str, bool]]:
    """(field path, raw text, whether every sentence must be marked) for every field of a case
    that can carry a claim."""
    yield "child.background", case["child"]["background"], True
    for si, stage in enumerate(case["stages"]):
        yield f"stages.{si}.narrative", stage["narrative"], True
        for qi, question in enumerate(stage["questions"]):
            where = f"stages.{si}.questions.{qi}"
            yield f"{where}.prompt", question["prompt"], False
            yield f"{where}.rationale", question["rationale"], False
            for oi, option in enumerate(question.get("options", [])):
                yield f"{where}.options.{oi}.why", option["why"], False
    yield "debrief.what_happened", case["debrief"]["what_happened"], True
    yield "debrief.what_guidance_says", case["debrief"]["what_guidance_says"], False


def _names(case: dict) -> list[str]:
    return [word for word in re.split(r"\W+", case["child"]["name"]) if word[:1].isupper()]


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(" ".join(text.split())) if s.strip()]


def marked_sentences(case: dict) -> Iterator[tuple[str, str, list[str]]]:
    """(field, sentence, fact ids) for each sentence that must be tied to the ledger; ids is
    empty where the sentence has no mark."""
    triggers = (*_names(case), *REAL_CASE_PHRASES)
    for field, text, every_sentence in _fields(case):
        pieces = MARK.split(" ".join(str(text).split()))
        # MARK.split alternates text, ids, text, ids, ..., trailing text.
        for i in range(0, len(pieces), 2):
            ids = [x.strip() for x in pieces[i + 1].split(",")] if i + 1 < len(pieces) else []
            sentences = _sentences(pieces[i])
            for n, sentence in enumerate(sentences):
                claimed = ids if n == len(sentences) - 1 else []
                if claimed or every_sentence or any(t in sentence for t in triggers):
                    yield field, sentence, claimed


class LedgerFact(Strict):
    """One claim, sourced or illustrative."""

    claim: Text
    source: Citation | None = None
    locator: Text | None = Field(default=None, description="Where in the public document, in our words")
    illustrative: Text | None = Field(default=None, description="Why this is the course's own")

    @model_validator(mode="after")
    def _sourced_or_illustrative(self) -> LedgerFact:
        if (self.source is None) == (self.illustrative is None):
            raise ValueError("a fact is either sourced (source + locator) or illustrative, not both")
        if self.source is not None and self.locator is None:
            raise ValueError("a sourced fact needs a locator a reader can find in the document")
        return self


class Ledger(Strict):
    case: Slug
    facts: dict[Slug, LedgerFact]


def ledger_file(case_file: Path) -> Path:
    return case_file.parent.parent / "ledgers" / case_file.name


def ledger_problems(case: dict, ledger: Ledger, sections: dict[str, set[str]]) -> list[Problem]:
    """Everything that breaks the tie between a case's raw text and its ledger."""
    problems = []
    used: set[str] = set()
    for field, sentence, ids in marked_sentences(case):
        if not ids:
            problems.append(Problem(field, f"a ledger mark {{fact-id}} ending the sentence {sentence[:70]!r}"))
        for fact_id in ids:
            used.add(fact_id)
            if fact_id not in ledger.facts:
                problems.append(Problem(field, f"a fact id from the ledger; got {fact_id!r}"))
    for fact_id, fact in ledger.facts.items():
        if fact_id not in used:
            problems.append(Problem(f"ledger.facts.{fact_id}", "a fact some sentence of the case rests on"))
        if fact.source is not None:
            key, _, section = fact.source.partition(" §")
            if section not in sections.get(key, set()):
                problems.append(Problem(f"ledger.facts.{fact_id}.source",
                                        f"a section in guidance.yaml; got {fact.source!r}"))
    return problems
