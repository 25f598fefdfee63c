"""The ledger marks that end sentences of a retold case, ``{fact-id}`` or ``{fact-a, fact-b}``.

Kept in a module of its own because the models strip the marks from every text as it is loaded
(nobody reading the course sees them) while :mod:`scenarios.ledger` reads them to check each
sentence is tied to a fact.
"""

from __future__ import annotations

import re

MARK = re.compile(r"\s*\{([a-z0-9]+(?:-[a-z0-9]+)*(?:,\s*[a-z0-9]+(?:-[a-z0-9]+)*)*)\}")


def strip_marks(value: object) -> object:
    """Remove ledger marks from a text field (a pydantic before-validator for every text)."""
    return MARK.sub("", value) if isinstance(value, str) else value
