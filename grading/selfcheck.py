"""The closing page's self-check: a trainee's own answers across the course, summarised.

It reads every answers file the course pages saved, scores each answer with the rubric (so the
numbers match what the player showed), and picks out the two mistakes that matter most: grading
a child's risk too low, and choosing an action that does harm. For those it names the modules to
revisit, using the coverage matrix (the course's own map from guidance sections to the pages that
teach them), so the advice follows the guidance each decision point rests on.

The matrix and the modules' titles are read from the installed course, never from the folder the
page runs in: a trainee's own copy (``mfc course init``) holds only the pages, and nothing a
trainee changes or deletes there can break their summary.

Answers to assessment-only scenarios are left out: the self-check must not mark the graded
assessment before the course lead does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from grading.answers import SUFFIX, AnswerStore
from grading.course_answers import course_answers
from grading.marks import Mark
from grading.rubric import AnswerError, score_answer
from scenarios.course_pages import course_pages
from scenarios.coverage import COURSE_DIR, CoverageMatrix, load_matrix
from scenarios.library import Library, shipped_library
from scenarios.models import ActionQuestion, Rating, Scenario

# JupyterLab right-aligns table cells in outputs (a rule hard to outrank), so left is !important here.
_STYLE = ("<style>table.mfc-selfcheck th, table.mfc-selfcheck td "
          "{ text-align: left !important; padding: 0.3rem 0.6rem; }</style>")
SCORE_NOTE = ("Scores are a teaching aid: they show how close your answers are to the guidance, not how good a "
              "practitioner you are.")


@dataclass(frozen=True)
class CaseResult:
    """How far a trainee got with one case, and their score on the questions they answered."""

    scenario_id: str
    title: str
    answered: int
    total: int
    points: float
    maximum: float


@dataclass(frozen=True)
class Flag:
    """A decision point where the trainee under-graded risk or chose a harmful action."""

    scenario_id: str
    case_title: str
    question_id: str
    prompt: str
    under_graded: bool
    harmful: tuple[str, ...]  # labels of the harmful actions chosen
    modules: tuple[str, ...]

    @property
    def problem(self) -> str:
        parts = ["You graded the risk lower than the guidance does."] if self.under_graded else []
        parts += [f"You chose a harmful action: {label}." for label in self.harmful]
        return " ".join(parts)


@dataclass(frozen=True)
class SelfCheck:
    cases: tuple[CaseResult, ...]
    flags: tuple[Flag, ...]
    revisit: tuple[str, ...]  # module page names, the most needed first (at most MODULES_TO_REVISIT)
    titles: dict[str, str]  # page name -> its heading
    stale: tuple[str, ...] = ()  # "scenario: question" answers that no longer fit the library

    def to_dict(self) -> dict:
        return {
            "cases": [vars(case) for case in self.cases],
            "flags": [{**vars(flag), "harmful": list(flag.harmful), "modules": list(flag.modules)}
                      for flag in self.flags],
            "revisit": list(self.revisit),
            "stale": list(self.stale),
        }

    def _case_rows(self) -> str:
        return "".join(
            f"<tr><th scope=\"row\">{escape(case.title)}</th><td>{case.answered} of {case.total}</td>"
            f"<td>{case.points:g} out of {case.maximum:g}</td></tr>"
            for case in self.cases
        )

    def _flag_items(self) -> str:
        return "".join(
            f"<li><strong>{escape(flag.case_title)}</strong>: {escape(flag.prompt)}<br>{escape(flag.problem)}"
            f"<br><em>Revisit:</em> {escape(', '.join(self.titles.get(m, m) for m in flag.modules) or 'the case')}</li>"
            for flag in self.flags
        )

    def _repr_html_(self) -> str:
        if not self.cases:
            return ("<p><strong>No answers yet.</strong> Answer some decision points in the modules or the cases, "
                    "then run this page again.</p>")
        answered = sum(case.answered for case in self.cases)
        parts = [
            f"<p>You have answered {_count(answered, 'decision point')} in {_count(len(self.cases), 'case')}.</p>",
            f'{_STYLE}<table class="mfc-selfcheck"><caption>Your cases</caption><thead><tr><th scope="col">Case</th>'
            '<th scope="col">Decision points answered</th><th scope="col">Score on those answered</th></tr></thead>'
            f"<tbody>{self._case_rows()}</tbody></table><p><small>{escape(SCORE_NOTE)}</small></p>",
        ]
        if self.flags:
            parts.append(f"<h3>Decision points to look at again</h3><ul>{self._flag_items()}</ul>")
            # A relative link: the closing page sits beside the modules, in JupyterLab and as a page.
            modules = "".join(f'<li><a href="{escape(quote(m))}.ipynb">{escape(self.titles.get(m, m))}</a></li>'
                              for m in self.revisit)
            parts.append(f"<h3>Modules to revisit</h3><ol>{modules}</ol>")
        else:
            parts.append("<p><strong>No under-graded risks and no harmful choices</strong> in your answers so far.</p>")
        if self.stale:
            parts.append("<p>Some earlier answers no longer fit their questions, which have changed since; answer "
                         f"them again: {escape(', '.join(self.stale))}.</p>")
        return "".join(parts)


def _count(number: int, noun: str) -> str:
    return f"<strong>{number}</strong> {noun}{'' if number == 1 else 's'}"


def _harmful_labels(question, answer, library: Library) -> tuple[str, ...]:
    if not isinstance(question, ActionQuestion) or not isinstance(answer, list):
        return ()
    harmful = {o.action for o in question.options if o.rating == Rating.HARMFUL}
    return tuple(library.action(a).label for a in answer if a in harmful)


# How many modules the advice names: for one decision point, and for all of them together. Naming
# every module that touches a point's guidance told trainees to revisit nearly the whole course.
MODULES_PER_FLAG = 2
MODULES_TO_REVISIT = 3


def _modules_for(question, matrix: CoverageMatrix) -> tuple[str, ...]:
    """The teaching pages for a decision point, at most ``MODULES_PER_FLAG``: those the matrix ties
    to the question itself, then those teaching the sections it cites, each in course order. Case
    pages are left out: the trainee has just been there."""
    cited = set(question.citations)
    tied = sorted({m for row in matrix.sections.values() if question.id in row.questions for m in row.modules})
    teaching = sorted({m for citation, row in matrix.sections.items() if citation in cited for m in row.modules})
    found = [m for m in dict.fromkeys([*tied, *teaching]) if not m.startswith("cases/")]
    return tuple(found[:MODULES_PER_FLAG])


def _review_case(scenario: Scenario, answers: dict, library: Library, matrix: CoverageMatrix):
    marks: list[Mark] = []
    flags, stale = [], []
    for question in scenario.questions():
        if question.id not in answers:
            continue
        try:
            mark = score_answer(library, scenario.id, question.id, answers[question.id])
        except AnswerError:
            stale.append(f"{scenario.id}: {question.id}")
            continue
        marks.append(mark)
        under = bool(mark.items("under-graded"))
        harmful = _harmful_labels(question, answers[question.id], library)
        if under or harmful:
            flags.append(Flag(scenario.id, scenario.title, question.id, question.prompt, under, harmful,
                              _modules_for(question, matrix)))
    result = CaseResult(scenario.id, scenario.title, len(marks), len(scenario.questions()),
                        round(sum(m.points for m in marks), 2), round(sum(m.maximum for m in marks), 2))
    return result, flags, stale


def self_check(store: AnswerStore | None = None, library: Library | None = None,
               matrix: CoverageMatrix | None = None) -> SelfCheck:
    """Summarise every saved answer in ``store`` (default: the course's shared store)."""
    store = store or course_answers()
    library = library or shipped_library()
    matrix = matrix or load_matrix()
    cases, flags, stale = [], [], []
    for scenario in library.scenarios.values():
        if scenario.assessment_only or not (store.directory / f"{scenario.id}{SUFFIX}").exists():
            continue
        answers = store.load(scenario.id).answers
        if answers:
            result, found, old = _review_case(scenario, answers, library, matrix)
            cases.append(result)
            flags += found
            stale += old
    needed = Counter(m for flag in flags for m in flag.modules)
    revisit = tuple(sorted(needed, key=lambda m: (-needed[m], m))[:MODULES_TO_REVISIT])
    titles = {name: page.headings[0] for name, page in course_pages(COURSE_DIR).items() if page.headings}
    return SelfCheck(tuple(cases), tuple(flags), revisit, titles, tuple(stale))
