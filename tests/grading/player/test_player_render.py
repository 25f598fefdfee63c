"""The player's text: times on the timeline, feedback badges, escaping, illustrative notes."""

from __future__ import annotations

import pytest

from grading.marks import FEEDBACK_KINDS, Feedback, Mark
from grading.player import render
from grading.player.timeline import describe_time


@pytest.mark.parametrize(
    ("at_hours", "expected"),
    [
        (0, "Day 1"),
        (23.5, "Day 1"),
        (24, "Day 2"),
        (96, "Day 5"),
        (840, "Day 36"),
        (-1, "1 hour before care"),
        (-0.2, "1 hour before care"),
        (-30, "30 hours before care"),
        (-72, "3 days before care"),
        (-24 * 20, "3 weeks before care"),
        (-1500, "2 months before care"),
        (-730, "4 weeks before care"),
        (-730 * 12, "12 months before care"),
    ],
)
def test_times_read_as_days_before_and_after_care(at_hours, expected):
    assert describe_time(at_hours) == expected


def test_every_feedback_kind_has_a_written_label_and_an_icon():
    # The rubric's kinds are a contract: a new kind without a badge would crash the player.
    assert set(render.BADGES) == set(FEEDBACK_KINDS)
    labels = [badge.label for badge in render.BADGES.values()]
    icons = [badge.icon for badge in render.BADGES.values()]
    assert len(set(labels)) == len(labels) and len(set(icons)) == len(icons)


def test_a_mark_shows_score_labels_icons_and_citations():
    mark = Mark("q", "actions", 1.5, 4.0, (
        Feedback("right", "Right, essential: report now.", ("WF2026 §High Risk",)),
        Feedback("harmful", "Harmful: waiting <overnight> & hoping.", ("HO2025 §Risk in the first 48 hours",)),
    ))
    html = render.mark(mark)
    assert "Your score: 1.5 out of 4." in html
    assert "teaching aid" in html
    assert 'class="mfc-right"' in html and "\u2714</span> Right</span>" in html
    assert 'class="mfc-harmful"' in html and "\u2716</span> Harmful</span>" in html
    assert "<cite>WF2026 §High Risk</cite>" in html
    assert "<cite>HO2025 §Risk in the first 48 hours</cite>" in html
    # Library and rubric text is escaped, never interpreted as markup.
    assert "waiting &lt;overnight&gt; &amp; hoping" in html
    # Icons are decoration: screen readers read the label instead.
    assert html.count('aria-hidden="true"') == 2


def test_illustrative_details_are_marked_as_not_from_the_report(library):
    kim = library.scenario("kim")
    index = next(i for i, stage in enumerate(kim.stages) if stage.illustrative)
    html = render.stage(kim, index)
    assert "Illustrative detail, not from the report:" in html
    assert html.count("mfc-illustrative") == len(kim.stages[index].illustrative)


def test_a_stage_without_added_detail_has_no_illustrative_note(library):
    kim = library.scenario("kim")
    index = next(i for i, stage in enumerate(kim.stages) if not stage.illustrative)
    assert "Illustrative" not in render.stage(kim, index)


def test_the_opening_shows_the_content_note_and_the_source(library):
    kim = library.scenario("kim")
    html = render.opening(kim)
    assert "Content note." in html
    assert html.index("Content note.") < html.index("Where this case comes from")
    assert "<cite>HBTH2016 §Case study: Kim</cite>" in html


def test_paragraphs_split_on_blank_lines_and_escape():
    assert render.paragraphs("one <b>\n\ntwo") == "<p>one &lt;b&gt;</p><p>two</p>"
