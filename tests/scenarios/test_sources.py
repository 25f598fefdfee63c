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
        assert urlparse(doc.url).path.strip("/"), f"{doc.key}: a site's home page is not the document ({doc.url})"


def test_a_link_that_is_not_the_document_says_what_to_do_there(library):
    html = sources_list(library)._repr_html_()
    for doc in library.guidance.documents:
        if not doc.url.endswith(".pdf") and doc.link_note:
            assert escape(doc.link_note) in html
