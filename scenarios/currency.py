"""Is the course still current? Warnings when the guidance it teaches may have moved on.

Guidance changes: local procedures are re-issued several times a year. The register records when
the course was last checked against each document and when it must be checked again; each risk
rule records the date it was last confirmed against its sources. This module turns those dates
into plain warnings, which ``mfc check`` prints (and ``mfc check --strict`` fails on), so a course
lead learns the course may be out of date before a trainee does.
"""

from __future__ import annotations

from datetime import date

from scenarios.library import Library


def _cited_keys(citations: list[str]) -> set[str]:
    return {citation.partition(" §")[0] for citation in citations}


def currency_warnings(library: Library, on: date) -> list[str]:
    """One readable line per reason the course may no longer match its guidance on ``on``."""
    warnings = [
        f"{doc.key} ({doc.title}, {doc.version}) was due for review on {doc.review_by.isoformat()}: "
        f"check the course against the current version, then update `checked` and `review_by` in guidance.yaml"
        for doc in library.guidance.overdue(on)
    ]
    checked = {doc.key: doc.checked for doc in library.guidance.documents}
    for rule in library.risk_scale.rules:
        rechecked = sorted(key for key in _cited_keys(rule.citations) if checked.get(key, rule.as_at) > rule.as_at)
        if rechecked:
            warnings.append(
                f"risk rule {rule.id!r} is as at {rule.as_at.isoformat()}, but {', '.join(rechecked)} was checked "
                f"again after that: confirm the rule still holds and update its `as_at` in risk_scale.yaml"
            )
    return warnings
