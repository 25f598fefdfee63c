"""Made-up rooms for the multi-agency exercise: share choices a test can name in one line."""

from __future__ import annotations

from exercises.sharing import Share


def share(round_: str, sender: str, card: str, to: str) -> Share:
    return Share(round=round_, sender=sender, card=card, to=to)


def everything_at_once(exercise) -> list[Share]:
    """Every card passed straight to the role that acts on it, in the first round."""
    return [share(exercise.rounds[0].id, c.held_by, c.id, c.must_reach) for c in exercise.cards
            if c.held_by != c.must_reach]
