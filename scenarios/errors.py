"""The one error type a broken library file raises.

Course leads edit YAML by hand; when they get it wrong they need the file, the field and what
was expected, in one line each, never a traceback from deep inside a parser.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file: where (a dotted field path) and what was expected."""

    field: str
    expected: str

    def __str__(self) -> str:
        return f"{self.field or '<document>'}: {self.expected}"


class ScenarioError(ValueError):
    """A library file (or the library as a whole) is invalid.

    ``file`` is the path as given; ``problems`` lists every field that is wrong, so a course
    lead can fix them all in one pass.
    """

    def __init__(self, file: str, problems: list[Problem]):
        self.file = str(file)
        self.problems = list(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{self.file}: {len(self.problems)} problem(s)\n{lines}")

    @property
    def fields(self) -> list[str]:
        return [p.field for p in self.problems]


class UnknownIdError(KeyError):
    """An id (scenario, action, risk level, question) the library does not hold.

    A KeyError, so code that looks ids up in a dict-like way keeps working; but a type of its own,
    so ``mfc`` can show it as one line (exit 2) without also hiding real bugs, which raise plain
    KeyErrors and must surface as tracebacks.
    """

    def __str__(self) -> str:  # KeyError quotes its message; this one reads as a sentence
        return str(self.args[0]) if self.args else ""
