"""Reading citations and played cases out of notebooks, as the coverage check does."""

from __future__ import annotations

import json

import pytest

from scenarios.course_pages import citations_in, course_pages, read_page
from scenarios.errors import ScenarioError


def test_citations_in_brackets_with_several_parts_and_line_breaks():
    text = ("Report at once [WF2026 §Reporting to the Police]. Grade high\n"
            "[WF2026 §High Risk; HBTH2016 §Recommendation 5:\n  Risk assessment].")
    assert citations_in(text) == ["WF2026 §Reporting to the Police", "WF2026 §High Risk",
                                  "HBTH2016 §Recommendation 5: Risk assessment"]


def test_citations_in_round_brackets_as_the_carers_pages_write_them():
    text = "Ring at once <small>(WF2026 §Reporting to the Police; HO2025 §Risk in the first 48 hours)</small>."
    assert citations_in(text) == ["WF2026 §Reporting to the Police", "HO2025 §Risk in the first 48 hours"]


def test_links_and_other_brackets_are_not_citations():
    text = ("See [the guide](https://example.org) and [GP2024 §Background](#x) [note] (an aside) "
            "[GP2024 §Push factors]")
    assert citations_in(text) == ["GP2024 §Push factors"]


def notebook(cells) -> str:
    return json.dumps({"cells": [{"cell_type": kind, "source": source, "metadata": {}} for kind, source in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_read_page_names_citations_played_cases_and_headings(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    path = folder / "kim.ipynb"
    path.write_text(notebook([
        ("markdown", ["# Case: Kim\n", "Facts [HBTH2016 §Case study: Kim] and again [HBTH2016 §Case study: Kim]."]),
        ("code", 'from grading.player import ScenarioPlayer\nScenarioPlayer("kim", store=None)'),
        ("code", "# ScenarioPlayer is mentioned here without a call"),
        ("code", 'from carers.pages import play\nplay("carer-kim-night")\ndisplay("kim")'),
        ("markdown", "## What to do on Monday\n[WF2026 §High Risk] in a code cell does not count"),
        ("code", "'[GP2024 §Background]'"),
    ]))
    page = read_page(path, tmp_path)
    assert page.name == "cases/kim"
    assert page.citations == ("HBTH2016 §Case study: Kim", "WF2026 §High Risk")
    assert page.played == ("kim", "carer-kim-night")
    assert page.headings == ("Case: Kim", "What to do on Monday")
    assert page.cites("WF2026 §High Risk") and not page.cites("GP2024 §Background")


def test_course_pages_skip_checkpoints(tmp_path):
    (tmp_path / "01_a.ipynb").write_text(notebook([("markdown", "# A")]))
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "01_a-checkpoint.ipynb").write_text(notebook([("markdown", "# old")]))
    assert list(course_pages(tmp_path)) == ["01_a"]


@pytest.mark.parametrize("content", ["not json", "{}", '{"cells": 3}'])
def test_an_unreadable_notebook_is_one_error_naming_the_file(tmp_path, content):
    path = tmp_path / "broken.ipynb"
    path.write_text(content)
    with pytest.raises(ScenarioError) as caught:
        read_page(path, tmp_path)
    assert caught.value.file == str(path)
