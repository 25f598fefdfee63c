"""The player's text: times on the timeline, feedback badges, escaping, illustrative notes."""

from __future__ import annotations

import pytest

from grading.marks import FEEDBACK_KINDS, Feedback, Mark
from grading.player import render
from grading.player.timeline import stage_times
from grading.rubric import score_answer


@pytest.mark.parametrize(
    ("at_hours", "expected"),
    [
        ([0], ["When Kim arrived"]),
        ([20], ["20 hours after Kim arrived"]),  # within the first day, hours are how people count
        ([30], ["The day after Kim arrived"]),
        ([96], ["Four days after Kim arrived"]),
        ([840], ["Five weeks after Kim arrived"]),
        ([4400], ["Six months after Kim arrived"]),
        ([35000], ["Four years after Kim arrived"]),
        ([-1], ["An hour before Kim arrived"]),
        ([-30], ["The day before Kim arrived"]),
        ([-72], ["Three days before Kim arrived"]),
        ([-24 * 20], ["Three weeks before Kim arrived"]),
        ([-1500], ["Two months before Kim arrived"]),
        ([-8900], ["A year before Kim arrived"]),
        # Close stages are placed from the one before; so are stages that would repeat its phrase.
        ([4400, 4401, 4403, 4404.5], ["Six months after Kim arrived", "An hour later", "Two hours later",
                                      "An hour and a half later"]),
        ([0, 2.5, 2.6], ["When Kim arrived", "Two and a half hours later", "Less than an hour later"]),
        ([100, 100, 100.5, 130], ["Four days after Kim arrived", "At the same time", "Less than an hour later",
                                  "The next day"]),
        ([3600, 3700, 3950], ["Five months after Kim arrived", "Four days later", "Ten days later"]),
    ],
)
def test_times_read_as_a_person_would_say_them(at_hours, expected):
    assert stage_times(at_hours, "Kim") == expected


def test_a_stage_is_headed_by_its_part_title_and_time_never_a_count_of_hours(library):
    html = render.stage(library.scenario("curfew-16"), 1)
    assert "Part 2 of 4:" in html and "An hour later" in html
    assert "stage" not in html.lower() and "Day " not in html and "4401" not in html


def test_every_feedback_kind_has_a_written_label_and_an_icon():
    # The rubric's kinds are a contract: a new kind without a badge would crash the player.
    assert set(render.BADGES) == set(FEEDBACK_KINDS)
    labels = [badge.label for badge in render.BADGES.values()]
    icons = [badge.icon for badge in render.BADGES.values()]
    assert len(set(labels)) == len(labels) and len(set(icons)) == len(icons)


def test_a_mark_shows_score_labels_icons_and_citations():
    mark = Mark("q", "actions", 2.5, 4.0, (
        Feedback("right", "An essential step, and you took it: report now.", ("WF2026 §High Risk",)),
        Feedback("harmful", "You chose this, and it can do harm: waiting <overnight> & hoping.",
                 ("HO2025 §Risk in the first 48 hours",)),
    ))
    html = render.mark(mark)
    assert "Your score: 2.5 out of 4." in html
    # What was done well comes first, then what to change.
    assert html.index("What you did well") < html.index("report now") < html.index("What to change")
    assert html.index("What to change") < html.index("waiting")
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


def test_a_mark_without_the_score_keeps_every_item():
    mark = Mark("q", "actions", 0.0, 4.0, (
        Feedback("right", "An essential step, and you took it: report now.", ()),
        Feedback("harmful", "You chose this, and it can do harm: wait.", ()),
    ))
    html = render.mark(mark, score=False)
    assert "score" not in html.lower() and "out of" not in html
    assert html.index("What you did well") < html.index("What to change") and html.count("<li") == 2


def test_a_low_score_puts_what_to_change_first_and_never_under_praise():
    """Kojo: one essential action right and one harmful choice scored 0 out of 4, and the score
    stood straight above "What you did well"."""
    mark = Mark("q", "actions", 0.0, 4.0, (
        Feedback("right", "An essential step, and you took it: report now.", ()),
        Feedback("harmful", "You chose this, and it can do harm: wait.", ()),
    ))
    html = render.mark(mark)
    assert "What you did well" not in html
    assert html.index("Your score: 0 out of 4") < html.index("What to change") < html.index("What you got right")
    assert html.index("What to change") < html.index("wait.")
    assert html.index("What you got right") < html.index("report now")


def test_a_mark_with_nothing_done_well_has_no_empty_heading():
    html = render.mark(Mark("q", "risk", 0.0, 2.0, (Feedback("under-graded", "You graded Low.", ()),)))
    assert "What you did well" not in html and "What to change" in html


@pytest.mark.parametrize("kind", ["right", "missed"])
def test_badge_and_text_read_as_one_phrase_not_two_labels(library, kind):
    """The badges read "✔ Right Essential:" and "○ Missed Would have helped:": two labels side by
    side. Each text now goes on from its badge in words ("An essential step you left out: ...")."""
    labels = {"Essential", "Helpful", "Would have helped"}
    for scenario in library.scenarios.values():
        for question in (q for q in scenario.questions() if q.kind == "actions"):
            chosen = [o.action for o in question.options][: 1 if kind == "missed" else None]
            for item in score_answer(library, scenario.id, question.id, chosen).items(kind):
                opening = item.text.split(":")[0]
                assert opening not in labels and " " in opening, (question.id, item.text)
                html = render.feedback_item(item)
                assert f"{render.BADGES[kind].label}</span> {opening[0].upper()}" in html


def test_no_feedback_text_repeats_its_own_label(library):
    """The badge says Right, Missed or Harmful; the text goes on from there ("An essential step...")."""
    for scenario in library.scenarios.values():
        for question in scenario.questions():
            answers = (list(question.levels) if question.kind == "risk"
                       else [[o.action for o in question.options]])
            for answer in answers:
                for item in score_answer(library, scenario.id, question.id, answer).feedback:
                    label = render.BADGES[item.kind].label
                    assert not item.text.lower().startswith(label.lower()), (question.id, item.text)
