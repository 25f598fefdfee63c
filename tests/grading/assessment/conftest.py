"""Fixtures for the assessment tests: a throwaway course root, the assessed questions, and the
answer key written out in every form it could take in a file, so a test can grep for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from grading.assessment.course import Course, init_course
from grading.assessment.spec import assessed_questions
from scenarios.models import ActionQuestion, Rating, RiskQuestion


@pytest.fixture
def course(tmp_path, monkeypatch) -> Course:
    """A fresh course root (config and source copied from the shipped one) and its own exchange."""
    monkeypatch.setenv("MFC_EXCHANGE", str(tmp_path / "exchange"))
    return init_course(tmp_path / "course")


@pytest.fixture(scope="session")
def assessed(library) -> list[tuple[str, RiskQuestion | ActionQuestion]]:
    return assessed_questions(library)


@dataclass(frozen=True)
class KeyLeak:
    """One way the key could show up in a file: what it is, and the pattern that finds it."""

    what: str
    pattern: re.Pattern


def _shingles(text: str, size: int = 8) -> list[str]:
    """Runs of ``size`` words: a copied rationale or reason shows up as one of these."""
    words = text.split()
    return [" ".join(words[i:i + size]) for i in range(max(0, len(words) - size + 1))]


def key_leaks(library, assessed) -> list[KeyLeak]:
    """Every key value of the assessed questions in the forms it would appear in: a reference
    level's id as a quoted string or a YAML/JSON value and its label; essential and harmful
    action ids (distinctive hyphenated slugs) and labels; rationale and per-option reasons."""
    leaks = []
    for _, q in assessed:
        if isinstance(q, RiskQuestion):
            level = library.level(q.key)
            leaks.append(KeyLeak(f"{q.id}: key level id {q.key!r}",
                                 re.compile(rf"""(["']{q.key}["']|key\W+{q.key}\b)""", re.IGNORECASE)))
            leaks.append(KeyLeak(f"{q.id}: key level label", re.compile(re.escape(level.label), re.IGNORECASE)))
        else:
            for option in q.options:
                if option.rating in (Rating.ESSENTIAL, Rating.HARMFUL):
                    label = library.action(option.action).label
                    leaks.append(KeyLeak(f"{q.id}: {option.rating} action id", re.compile(re.escape(option.action))))
                    leaks.append(KeyLeak(f"{q.id}: {option.rating} action label", re.compile(re.escape(label))))
                leaks += [KeyLeak(f"{q.id}: reason for {option.action}", re.compile(re.escape(s)))
                          for s in _shingles(option.why)]
        leaks += [KeyLeak(f"{q.id}: rationale", re.compile(re.escape(s))) for s in _shingles(q.rationale)]
    return leaks


def leaks_in(text: str, leaks: list[KeyLeak]) -> list[str]:
    text = " ".join(text.split())  # rationales are folded YAML; compare with single spaces
    return [leak.what for leak in leaks if leak.pattern.search(text)]


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
