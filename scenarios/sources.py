"""The guidance the course teaches as a list a page can show, each document linked.

Read from the guidance register (``guidance.yaml``), never retyped, so a page that names its
sources and the register that checks every citation cannot drift apart, and a reader can follow
a citation key (WF2026, GP2024...) to the document itself.

``sources_list()`` in a notebook cell shows it (Jupyter calls ``_repr_html_``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from scenarios.library import Library, shipped_library
from scenarios.models import GuidanceDocument, GuidanceRegister


def _item(doc: GuidanceDocument) -> str:
    link = f'<a href="{escape(doc.url)}">{escape(doc.title)}</a>'
    note = f" The link is to {escape(doc.link_note)}." if doc.link_note else ""
    return (f"<li><strong>{escape(doc.key)}</strong>: {link}, {escape(doc.publisher)}. "
            f"Version taught: {escape(doc.version)}.{note}</li>")


@dataclass(frozen=True)
class SourcesList:
    """Every document of the register, in the register's order, with its link and version."""

    register: GuidanceRegister

    def _repr_html_(self) -> str:
        items = "".join(_item(doc) for doc in self.register.documents)
        # Underlined: a link in running text must not be told apart by its colour alone.
        return f'<style>.mfc-sources a {{ text-decoration: underline; }}</style><ul class="mfc-sources">{items}</ul>'


def sources_list(library: Library | None = None) -> SourcesList:
    """The shipped guidance register (or ``library``'s) ready to display."""
    return SourcesList((library or shipped_library()).guidance)
