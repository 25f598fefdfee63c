"""The coverage matrix: where the course teaches, and where it assesses, each part of the guidance.

``course/coverage.yaml`` maps every section of the guidance register to the course pages that
teach it and the decision points that assess it. The mapping is written by hand on purpose: it
is the course's plan, and a plan can be wrong. Deriving it from whatever happens to be cited
would call a section "covered" because one option mentions it in passing. So the file states the
intent, and :func:`check_matrix` proves each claim against the course as it is:

- every section in ``guidance.yaml`` has a row, and every row names a real section;
- every row names at least one page; each page exists and cites the section in its prose;
- every row names at least one decision point, unless it is marked ``background`` (only
  HBTH2016 sections that hold neither a finding nor a recommendation, such as its methodology);
- each decision point exists, cites the section (in the question, or in the feedback it gives on
  an option: the option's citations, else its action's), and is one a trainee can meet: played on
  a course page, or held back for the graded assessment.

A row with no problems is covered. ``mfc coverage`` prints the result; the tests fail on any gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from course_files import shipped_course
from scenarios.course_pages import CoursePage, course_pages
from scenarios.library import Library
from scenarios.loader import load
from scenarios.models import ActionQuestion, Citation, Rating, Strict

COURSE_DIR = shipped_course()
MATRIX_FILE = COURSE_DIR / "coverage.yaml"
# The one document with parts that are context rather than findings (see the module docstring).
BACKGROUND_DOCUMENT = "HBTH2016"


class MatrixRow(Strict):
    """What the course claims about one section of the guidance."""

    background: bool = Field(default=False, description="Taught for context; no decision point needed")
    modules: list[str] = []
    questions: list[str] = []


class CoverageMatrix(Strict):
    sections: dict[Citation, MatrixRow]


@dataclass(frozen=True)
class CheckedRow:
    """One section with the matrix's claims about it and everything wrong with them."""

    citation: str
    modules: tuple[str, ...]
    questions: tuple[str, ...]
    background: bool
    problems: tuple[str, ...]
    in_register: bool = True

    @property
    def document(self) -> str:
        return self.citation.partition(" §")[0]

    @property
    def section(self) -> str:
        return self.citation.partition(" §")[2]

    @property
    def covered(self) -> bool:
        return self.in_register and not self.problems

    def to_dict(self) -> dict:
        """One entry of ``mfc coverage --json`` (README, "mfc coverage")."""
        return {
            "citation": self.citation,
            "document": self.document,
            "section": self.section,
            "background": self.background,
            "modules": list(self.modules),
            "questions": list(self.questions),
            "covered": self.covered,
            "problems": list(self.problems),
        }


@dataclass(frozen=True)
class QuestionInfo:
    """What the check needs to know about one decision point."""

    scenario_id: str
    citations: frozenset[str]
    assessment_only: bool


def _feedback_citations(question: ActionQuestion, library: Library) -> set[str]:
    """What an action question's feedback can cite: each rated option's own citations, else its
    action's (the rule grading.rubric follows). Neutral options get no feedback, so they count not."""
    return {c for option in question.options if option.rating != Rating.NEUTRAL
            for c in (option.citations or library.action(option.action).citations)}


def question_index(library: Library) -> dict[str, QuestionInfo]:
    """Every decision point in the library, with what it cites: the question's own citations and
    those its feedback shows a trainee."""
    index = {}
    for scenario in library.scenarios.values():
        for question in scenario.questions():
            cited = set(question.citations)
            if isinstance(question, ActionQuestion):
                cited |= _feedback_citations(question, library)
            index[question.id] = QuestionInfo(scenario.id, frozenset(cited), scenario.assessment_only)
    return index


def _page_problems(citation: str, modules: Iterable[str], pages: dict[str, CoursePage]) -> list[str]:
    problems = []
    for name in modules:
        if name not in pages:
            problems.append(f"page {name} does not exist (no course/{name}.ipynb)")
        elif not pages[name].cites(citation):
            problems.append(f"page {name} does not cite it")
    return problems


def _question_problems(citation: str, questions: Iterable[str], index: dict[str, QuestionInfo],
                       played: set[str]) -> list[str]:
    problems = []
    for qid in questions:
        info = index.get(qid)
        if info is None:
            problems.append(f"decision point {qid} does not exist in the case library")
        elif citation not in info.citations:
            problems.append(f"decision point {qid} does not cite it")
        elif not (info.assessment_only or info.scenario_id in played):
            problems.append(f"decision point {qid} is in scenario {info.scenario_id}, which no course page plays")
    return problems


def _suggestions(citation: str, index: dict[str, QuestionInfo]) -> str:
    """Decision points that already cite a section, to help whoever fills a gap."""
    citing = sorted(qid for qid, info in index.items() if citation in info.citations)
    return f" (decision points that cite it: {', '.join(citing[:4])})" if citing else ""


def check_row(citation: str, row: MatrixRow, pages: dict[str, CoursePage], index: dict[str, QuestionInfo],
              played: set[str]) -> list[str]:
    """Everything wrong with one row's claims, as short sentences."""
    problems = []
    if not row.modules:
        problems.append("no course page teaches it")
    problems += _page_problems(citation, row.modules, pages)
    if row.background and not citation.startswith(f"{BACKGROUND_DOCUMENT} §"):
        problems.append(f"only {BACKGROUND_DOCUMENT} sections may be background; every other section needs a "
                        "decision point")
    if not row.questions and not row.background:
        problems.append("no decision point assesses it" + _suggestions(citation, index))
    problems += _question_problems(citation, row.questions, index, played)
    return problems


def check_matrix(matrix: CoverageMatrix, library: Library, pages: dict[str, CoursePage]) -> list[CheckedRow]:
    """Check every claim of the matrix. Rows come in register order; rows naming a section the
    register does not list come last, marked ``in_register=False``."""
    index = question_index(library)
    played = {scenario_id for page in pages.values() for scenario_id in page.played}
    register = [f"{d.key} §{s}" for d in library.guidance.documents for s in d.section_names]
    rows = []
    for citation in register:
        row = matrix.sections.get(citation)
        if row is None:
            rows.append(CheckedRow(citation, (), (), False, ("missing from the coverage matrix",)))
            continue
        problems = check_row(citation, row, pages, index, played)
        rows.append(CheckedRow(citation, tuple(row.modules), tuple(row.questions), row.background, tuple(problems)))
    for citation, row in matrix.sections.items():
        if citation not in register:
            rows.append(CheckedRow(citation, tuple(row.modules), tuple(row.questions), row.background,
                                   ("not a section listed in guidance.yaml",), in_register=False))
    return rows


def load_matrix(path: Path = MATRIX_FILE) -> CoverageMatrix:
    return load(path, CoverageMatrix)


def course_coverage(library: Library, matrix_file: Path = MATRIX_FILE,
                    course_dir: Path = COURSE_DIR) -> list[CheckedRow]:
    """Load the matrix and the course pages and check one against the other."""
    return check_matrix(load_matrix(matrix_file), library, course_pages(course_dir))


def summary(rows: list[CheckedRow]) -> dict:
    """How many register sections are covered, overall and per document."""
    documents: dict[str, dict[str, int]] = {}
    for row in rows:
        if not row.in_register:
            continue
        counts = documents.setdefault(row.document, {"sections": 0, "covered": 0})
        counts["sections"] += 1
        counts["covered"] += row.covered
    return {
        "sections": sum(c["sections"] for c in documents.values()),
        "covered": sum(c["covered"] for c in documents.values()),
        "documents": documents,
    }
