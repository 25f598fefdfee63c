"""The order a learner sees a question's levels and options in: shuffled by their seed.

Two trainees sitting side by side should not see the options in the same order, so a seed
permutes the order of action options and of risk levels. Only the order changes: the options
themselves, their ratings and the reference level come from the library untouched, so the
rubric scores every variant with the same key.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def variant_order(items: Sequence[T], seed: int | str | None, question_id: str) -> list[T]:
    """``items`` in the library's order when ``seed`` is None, otherwise in an order fixed by
    the seed and the question: the same on every run and machine, different between questions
    so that one seed does not move every list the same way."""
    ordered = list(items)
    if seed is not None:
        # Seeding with a string is stable across processes and Python versions (it is hashed
        # with SHA-512), unlike hash(), which is salted per process.
        random.Random(f"{seed}/{question_id}").shuffle(ordered)
    return ordered
