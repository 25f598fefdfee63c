"""Where to get support: the helplines a page with a content note offers its reader.

Written once, here, so the trainees' start page and the foster carers' pages give the same
numbers and, when a number changes, change together. Only the first line differs by reader: a
trainee talks to their line manager, a foster carer to their supervising social worker.

``support_contacts("carer")`` in a notebook cell shows the list (Jupyter calls ``_repr_html_``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Helpline:
    """One way to get help: who it is for and how to reach them, a number, and the guidance that
    names it, if any (a citation key and section from the guidance register)."""

    what: str
    number: str
    citation: str = ""


HELPLINES = (
    Helpline("Samaritans, any time, free:", "116 123"),
    Helpline("For children and young people: Childline, free:", "0800 1111"),
    Helpline("For a young person who is missing or thinking of running away: Missing People's free, "
             "confidential helpline, by call or text:", "116 000", "HBTH2016 §Recommendation 2: A culture of trust"),
    Helpline("If a child is in immediate danger, call", "999"),
)

# The first person to talk to, for each kind of reader.
SOMEONE_YOU_KNOW = {
    "trainee": "Your line manager or supervisor, or your organisation's employee assistance programme.",
    "carer": "Your supervising social worker, or the support your fostering service offers its carers.",
}
HEADING = "Where to get support"


@dataclass(frozen=True)
class SupportContacts:
    """The support list for one kind of reader ("trainee" or "carer")."""

    reader: str

    def __post_init__(self):
        if self.reader not in SOMEONE_YOU_KNOW:
            raise ValueError(f"reader must be one of {', '.join(SOMEONE_YOU_KNOW)}; got {self.reader!r}")

    def lines(self) -> list[tuple[str, str, str]]:
        """(words, number, citation) for each line, the reader's own contact first (no number)."""
        return [(SOMEONE_YOU_KNOW[self.reader], "", "")] + [(h.what, h.number, h.citation) for h in HELPLINES]

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li>{escape(words)}" + (f" <strong>{escape(number)}</strong>." if number else "")
            + (f" <small>({escape(cited)})</small>" if cited else "") + "</li>"
            for words, number, cited in self.lines()
        )
        return f'<div class="mfc-support" role="note"><p><strong>{HEADING}</strong></p><ul>{items}</ul></div>'


def support_contacts(reader: str) -> SupportContacts:
    """The support list for a trainee or a foster carer."""
    return SupportContacts(reader)
