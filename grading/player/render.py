"""The player's text as HTML: the case's opening, each stage, a Mark's feedback and the debrief.

Kept apart from the widgets so that what a trainee reads can be tested as plain strings, and
so every piece of library text passes through one escaping function on its way to the page.

Feedback never relies on colour alone: each item carries a written label ("Right", "Missed",
"Harmful"...) and an icon as well as a coloured edge; icons are hidden from screen readers,
which read the label instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from grading.marks import Feedback, Mark
from grading.player.timeline import stage_times
from scenarios.models import Debrief, Scenario, Stage

# Scoped to .mfc-player so the page around the player is untouched. ipywidgets shows labels on
# one line and cuts them short; the options here are sentences, so they must wrap.
STYLE = """
.mfc-player { max-width: 52rem; }
/* ipywidgets draws its text at 13px, smaller than the page around it (17px on the course pages):
   the player's text takes the page's size instead. */
.mfc-player .widget-html-content, .mfc-player .widget-label, .mfc-player label, .mfc-player textarea,
.mfc-player .jupyter-button { font-size: var(--jp-content-font-size1, 1rem); }
.mfc-player .widget-html-content { line-height: 1.45; }
/* The assessment's line under a case for each marked item (grading.assessment.cells): the page's
   text size, and the lines close together, as a list reads. */
.mfc-item-line .widget-html-content { font-size: var(--jp-content-font-size1, 1rem); line-height: 1.45; }
.mfc-item-line p { margin: 0; }
/* Buttons are touch targets: at least 44px high (ipywidgets makes them 28px), and their words wrap. */
.mfc-player .jupyter-button { height: auto; min-height: 44px; padding: 0.4rem 1rem; line-height: 1.3;
  white-space: normal; }
/* The reason box: its label above it and the box the width of the column, never wider, so on a
   phone it does not run into the screen's edge. */
.mfc-player .widget-textarea { flex-direction: column; align-items: stretch; box-sizing: border-box;
  max-width: 100%; margin-left: 0; margin-right: 0; padding-left: var(--jp-widgets-margin, 2px); }
.mfc-player .widget-textarea .widget-label { width: auto; max-width: none; text-align: left; }
.mfc-player .widget-textarea textarea { width: 100%; box-sizing: border-box; font-family: inherit; }
/* A checked answer's reason is locked too, and a browser greys locked text until it looks like the
   placeholder: the trainee's own words stay dark. */
.mfc-player textarea:disabled { color: #222; -webkit-text-fill-color: #222; background: #f4f4f4; opacity: 1; }
.mfc-player .widget-radio-box label, .mfc-player .widget-checkbox label,
.mfc-player .widget-label-basic, .mfc-player .widget-label-basic span {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto; line-height: 1.4;
  align-items: flex-start;
}
/* ipywidgets writes a radio as <label>text<input></label> and floats the input left, which only
   works on one line; a flex row, reversed, puts the button first whatever the text's length. */
.mfc-player .widget-radio-box label { display: flex; flex-direction: row-reverse; justify-content: flex-end;
  gap: 0.5rem; margin: 0.3rem 0; }
.mfc-player .widget-radio-box input { float: none; }
.mfc-player .widget-checkbox, .mfc-player .widget-radio { height: auto; }
.mfc-player .widget-radio-box input, .mfc-player .widget-checkbox input { margin-top: 0.2rem; flex: none; }
.mfc-player :focus-visible { outline: 3px solid #1a4f8b; outline-offset: 2px; }
/* A checked answer is locked, and the browser draws a disabled box or button in faint grey, so
   which options were chosen could hardly be seen: locked inputs are drawn here instead, a dark
   outline (non-text contrast above 3:1) filled in dark blue when chosen, and a chosen option's
   words are bold. */
.mfc-player input[type=checkbox]:disabled, .mfc-player input[type=radio]:disabled {
  appearance: none; width: 1rem; height: 1rem; border: 2px solid #333; background: #fff; opacity: 1; }
.mfc-player input[type=checkbox]:disabled { border-radius: 2px; }
.mfc-player input[type=radio]:disabled { border-radius: 50%; }
.mfc-player input:disabled:checked { background: #1a4f8b; box-shadow: inset 0 0 0 2px #fff; }
.mfc-player label:has(input:disabled) { color: #222; opacity: 1; }
.mfc-player label:has(input:disabled:checked) { font-weight: bold; color: #111; }
.mfc-note { border-left: 4px solid #5a4a00; background: #fff8db; color: #222; padding: 0.5rem 0.8rem; }
.mfc-illustrative { font-size: 0.9em; color: #333; border-left: 3px dashed #666; padding-left: 0.6rem; }
.mfc-when { font-weight: bold; color: #1a4f8b; margin-top: 0; }
.mfc-part { color: #1a4f8b; }
.mfc-feedback ul { list-style: none; padding: 0; }
.mfc-feedback-heading { margin: 0.8rem 0 0.2rem; }
.mfc-feedback li { border-left: 5px solid; padding: 0.4rem 0.7rem; margin: 0.4rem 0; color: #111; }
.mfc-feedback .mfc-kind { font-weight: bold; margin-right: 0.4rem; padding: 0 0.3rem; border: 1px solid currentColor;
  border-radius: 0.3rem; white-space: nowrap; }
.mfc-feedback .mfc-right { border-color: #1b6e2a; background: #eaf6ec; }
.mfc-feedback .mfc-missed { border-color: #6b5300; background: #fdf6e0; }
.mfc-feedback .mfc-harmful { border-color: #a1111b; background: #fdecec; }
.mfc-feedback .mfc-over-cautious { border-color: #6b5300; background: #fdf6e0; }
.mfc-feedback .mfc-under-graded { border-color: #a1111b; background: #fdecec; }
.mfc-feedback .mfc-rule { border-color: #1a4f8b; background: #eaf1fa; }
.mfc-hint { margin-left: 0.8rem; }
.mfc-cites { font-size: 0.9em; color: #333; }
"""


@dataclass(frozen=True)
class Badge:
    """How one kind of feedback is marked: a word anyone can read and an icon for a glance."""

    label: str
    icon: str


BADGES = {
    "right": Badge("Right", "\u2714"),  # heavy check mark
    "missed": Badge("Missed", "\u25cb"),  # white circle: something left out
    "harmful": Badge("Harmful", "\u2716"),  # heavy multiplication x
    "over-cautious": Badge("Over-cautious", "\u25b2"),  # up triangle: graded too high
    "under-graded": Badge("Under-graded", "\u25bc"),  # down triangle: graded too low
    "rule": Badge("Rule for children", "\u00a7"),  # section sign: a rule of the guidance
}

# A teaching score is not a measure of practice: say so next to every number the player shows.
SCORE_CAVEAT = ("The score is a teaching aid: it shows how close your answer is to the guidance, "
                "not how good a practitioner you are.")


def paragraphs(text: str) -> str:
    """Library text as escaped HTML paragraphs (YAML folds each paragraph into one line)."""
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())


def citations(cited: Iterable[str]) -> str:
    """A line naming the guidance an item rests on, e.g. 'Guidance: WF2026 §High Risk'."""
    cited = list(cited)
    if not cited:
        return ""
    return f'<div class="mfc-cites">Guidance: {"; ".join(f"<cite>{escape(c)}</cite>" for c in cited)}</div>'


def opening(scenario: Scenario) -> str:
    """The title, where the case comes from, and the content note, shown before any of the story."""
    return (
        f"<style>{STYLE}</style>"
        f"<h2>{escape(scenario.title)}</h2>"
        f'<div class="mfc-note" role="note"><strong>Content note.</strong> {escape(scenario.content_note)}</div>'
        f"<p><strong>Where this case comes from:</strong> {escape(scenario.source.note)} "
        f"<cite>{escape(scenario.source.citation)}</cite></p>"
    )


def illustrative_label(scenario: Scenario) -> str:
    """Retold cases come from the 2016 report; procedure cases from the guidance as a whole."""
    source = "the report" if scenario.source.kind == "hbth2016-case" else "the guidance"
    return f"Illustrative detail, not from {source}:"


def part_label(scenario: Scenario, index: int) -> str:
    """Where a stage falls in its case, as the player heads it ("Part 2 of 4"); the assessment's
    feedback page names each item the same way, so a trainee can find the question again."""
    return f"Part {index + 1} of {len(scenario.stages)}"


def stage(scenario: Scenario, index: int) -> str:
    """One stage of the timeline: where it falls, its title, the narrative and any detail the
    course added, marked so nobody takes it for a fact of the case."""
    current: Stage = scenario.stages[index]
    added = "".join(
        f'<p class="mfc-illustrative"><em>{escape(illustrative_label(scenario))}</em> {escape(detail)}</p>'
        for detail in current.illustrative
    )
    when = stage_times([s.at_hours for s in scenario.stages], scenario.child.name)[index]
    return (
        f"<h3><span class=\"mfc-part\">{part_label(scenario, index)}:</span> {escape(current.title)}</h3>"
        f'<p class="mfc-when">{escape(when)}</p>'
        f"{paragraphs(current.narrative)}{added}"
    )


def _points(value: float) -> str:
    return f"{value:g}"


def feedback_item(item: Feedback) -> str:
    badge = BADGES[item.kind]
    return (
        f'<li class="mfc-{item.kind}"><span class="mfc-kind"><span aria-hidden="true">{badge.icon}</span> '
        f"{escape(badge.label)}</span> {escape(item.text)}{citations(item.citations)}</li>"
    )


def _feedback_group(heading: str, items: list[Feedback]) -> str:
    if not items:
        return ""
    listed = "".join(feedback_item(item) for item in items)
    return f'<h4 class="mfc-feedback-heading">{heading}</h4><ul>{listed}</ul>'


def mark(result: Mark, *, score: bool = True) -> str:
    """A Mark's feedback under a score line: what was done well first, then what to change.

    Under a score of less than half the marks the order turns round, what to change first and
    then "What you got right": a "0 out of 4" (one harmful choice can cost half the marks) read
    straight above a heading "What you did well" was jarring.
    ``score=False`` leaves the number out (the carers' pages: volunteers learning for themselves
    read what they did well and what to change, not "0 out of 4" for a mostly good answer), and
    keeps the gentler order.
    """
    done_well = [item for item in result.feedback if item.kind == "right"]
    to_change = [item for item in result.feedback if item.kind != "right"]
    score_line = (f"<p><strong>Your score: {_points(result.points)} out of {_points(result.maximum)}.</strong> "
                  f"<small>{escape(SCORE_CAVEAT)}</small></p>") if score else ""
    if score and result.points < result.maximum / 2:
        groups = _feedback_group("What to change", to_change) + _feedback_group("What you got right", done_well)
    else:
        groups = _feedback_group("What you did well", done_well) + _feedback_group("What to change", to_change)
    return f'<div role="status" class="mfc-feedback">{score_line}{groups}</div>'


def saved() -> str:
    """What a trainee sees when the assessment records an answer without marking it."""
    return (
        '<div role="status"><p><strong>Saved.</strong> Your answer is saved. '
        "You can change it and save it again until you hand in.</p></div>"
    )


def sent_to_room() -> str:
    """What a trainee in a workshop room sees: saved, sent, and the reference still to come."""
    return (
        '<div role="status"><p><strong>Saved.</strong> Your answer is saved and the trainer\'s screen has it. '
        "You can change it and save it again. The trainer will show the reference after the discussion.</p></div>"
    )


def room_note(message: str) -> str:
    """A line from the workshop room: the trainer opened the next part, revealed, or closed."""
    return f'<div role="status" class="mfc-room-note"><p><strong>{escape(message)}</strong></p></div>'


def problem(message: str) -> str:
    """A one-line prompt when an answer cannot be taken yet: nothing chosen, or not saved."""
    return f'<div role="alert"><p><strong><span aria-hidden="true">! </span>{escape(message)}</strong></p></div>'


def debrief(scenario: Scenario) -> str:
    summary: Debrief = scenario.debrief
    return (
        "<h3>Debrief</h3>"
        f"<h4>What happened to {escape(scenario.child.name)}</h4>{paragraphs(summary.what_happened)}"
        f"<h4>What the guidance says</h4>{paragraphs(summary.what_guidance_says)}"
        f"{citations(summary.citations)}"
    )


def finished() -> str:
    """The closing line when the last stage is answered and the debrief is held back."""
    return "<p><strong>You have answered every stage.</strong> Your answers are saved.</p>"
