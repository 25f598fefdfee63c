"""Every citation key leads a reader to its document: the register gives each an address, and
the sources list links them."""

from __future__ import annotations

from html import escape
from urllib.parse import urlparse

from scenarios.sources import sources_list


def test_every_document_is_linked_by_its_key(library):
    """The start page named WF2026 and NSPCC-CTAC with no link and GP2024 with a charity's home page."""
    html = sources_list(library)._repr_html_()
    for doc in library.guidance.documents:
        assert f'<strong>{doc.key}</strong>: <a href="{escape(doc.url)}">' in html
        # A site's home page is not the document: it needs a note saying where to go from there.
        assert urlparse(doc.url).path.strip("/") or doc.link_note, f"{doc.key}: {doc.url} alone"


def test_a_link_that_is_not_the_document_says_what_to_do_there(library):
    html = sources_list(library)._repr_html_()
    for doc in library.guidance.documents:
        if doc.link_note:
            assert f"The link is to {escape(doc.link_note)}." in html
