"""The support list: one definition for the trainees' course and the carers' pages."""

from __future__ import annotations

import pytest

from scenarios.support import HELPLINES, SOMEONE_YOU_KNOW, support_contacts


@pytest.mark.parametrize("reader", sorted(SOMEONE_YOU_KNOW))
def test_each_reader_gets_their_own_first_contact_then_every_helpline(reader):
    html = support_contacts(reader)._repr_html_()
    assert html.index(SOMEONE_YOU_KNOW[reader].replace("'", "&#x27;")) < html.index(HELPLINES[0].number)
    positions = [html.index(f"<strong>{line.number}</strong>") for line in HELPLINES]
    assert positions == sorted(positions)
    assert "<small>(HBTH2016 §Recommendation 2: A culture of trust)</small>" in html
    assert 'role="note"' in html and "Where to get support" in html


def test_an_unknown_reader_is_refused():
    with pytest.raises(ValueError, match="trainee"):
        support_contacts("volunteer")
