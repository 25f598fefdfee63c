"""Serve the trainees' course as pages: Voila with the carers' pages' lock-down, plus a course home
and a completion record.

What it reuses from ``carers.server`` (by subclassing, so a fix there reaches both): no sources
and no tracebacks shown, no folder listing and no contents API, the kernel ceiling with its
"busy" page, the reading-width template, nothing fetched from other sites. What differs, in
``coursesite/voila.json`` (which takes precedence over the carers' file for the settings it names): one trainee
per server, so no warm kernels by default and a low kernel ceiling.

What it adds:

* ``/home``: the course home (modules and cases with their state, progress, what is left), and
  ``/record``: the completion record; both rendered here from the answer folder, no kernel;
* each module and case page notes its visit in the answer folder (``grading.progress.VisitLog``);
  a page with no questions counts as done, and the closing page completes the course, only once
  the page itself has been shown in full (its last cell calls ``grading.completion.page_shown``),
  never on a page that failed;
* Previous/Next links on every page, given to the template as ``resources.page_nav``;
* with ``assessment`` (a folder: the trainee's home on a hub), the graded assessment as pages:
  ``/assessment`` says where the trainee is with it and offers the next step as a button (get it,
  hand it in, get the feedback: nbgrader's own trainee-side steps, see
  ``grading.assessment.trainee``); ``/assessment/page`` shows the fetched notebook as a page, with
  its kernel in the notebook's folder (``coursesite.kernels``); ``/assessment/feedback`` shows
  the feedback page once fetched. The buttons post a form with tornado's XSRF token.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jupyter_server.services.contents.filemanager import FileContentsManager
from jupyter_server.utils import url_path_join
from tornado.web import RequestHandler

from carers.kernel_cap import BUSY_HEADING, BUSY_MESSAGE
from carers.server import CarersPageHandler, CarersVoila
from carers.server import serve as serve_pages
from coursesite.pages import (
    ASSESSMENT,
    ASSESSMENT_FEEDBACK,
    ASSESSMENT_PAGE,
    HOME,
    RECORD,
    assessment_navigation,
    feedback_with_way_back,
    navigation,
    render_assessment,
    render_home,
    render_record,
)
from grading.answers import AnswerStore
from grading.assessment.trainee import AssessmentUnavailable, TraineeAssessment
from grading.completion import completion
from grading.course_answers import answers_dir, shipped_course
from grading.progress import VisitLog, progress
from scenarios.library import shipped_library

CONFIG_DIR = Path(__file__).resolve().parent
PAGES_OPEN_HEADING = "Several course pages are open"
PAGES_OPEN_MESSAGE = ("You have several course pages open at once (in other tabs or windows), and that is as "
                      "many as the course can run for you together. Close a page you have finished with, "
                      "then try again: this page will open.")
PAGES_OPEN_AT_LEAST = 2  # open pages that make them, not the server, the reason for a refusal
logger = logging.getLogger(__name__)


class TraineeFolder:
    """The one trainee's answers and visits this server reads and writes, and the course it serves."""

    def __init__(self, course: Path, answers: Path):
        self.course = course
        self.answers = answers

    def progress(self):
        return progress(AnswerStore(self.answers), self.course)

    def visits(self) -> VisitLog:
        return VisitLog(self.answers)


class CoursePageHandler(CarersPageHandler):
    """A module or case page: noted as visited (opened, not yet done) before it is shown."""

    async def get(self, path=None):
        folder: TraineeFolder = self.settings["mfc_trainee"]
        page = (path or "").removesuffix(".ipynb")
        if not (folder.course / f"{page}.ipynb").is_file():  # a mistyped address: "not found", not a visit
            return await super().get(path)
        try:
            folder.visits().record(page)
        except OSError as exc:  # the page matters more than the log of it
            logger.warning("Could not note the visit to %s in %s: %s", page, folder.answers, exc)
        return await super().get(path)

    def busy_notice(self) -> tuple[str, str]:
        """One trainee per server: past the ceiling it is nearly always their own open pages (each
        holds a kernel) that fill it, so say so and what to do. Only when the pages open are too
        few to explain it (warm spares with ``--preheat``, or several people on one server) is the
        server said to be busy."""
        if self.kernel_manager.pages_open() >= PAGES_OPEN_AT_LEAST:
            return PAGES_OPEN_HEADING, PAGES_OPEN_MESSAGE
        return BUSY_HEADING, BUSY_MESSAGE


class _PlainPage(RequestHandler):
    """A page rendered here, never cached (it shows the trainee's latest answers)."""

    def initialize(self, trainee: TraineeFolder, assessment: TraineeAssessment | None) -> None:
        self.trainee = trainee
        self.assessment = assessment

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")

    def url(self, *parts: str) -> str:
        return url_path_join(self.settings["base_url"], *parts)


class HomeHandler(_PlainPage):
    def get(self) -> None:
        found = self.trainee.progress()
        assessment_url = self.url(ASSESSMENT) if self.assessment else None
        self.finish(render_home(found, completion(found, self.trainee.visits()),
                                base_url=self.settings["base_url"], assessment_url=assessment_url))


class RecordHandler(_PlainPage):
    def get(self) -> None:
        found = self.trainee.progress()
        self.finish(render_record(found, completion(found, self.trainee.visits()), shipped_library(),
                                  name=self.get_argument("name", ""), base_url=self.settings["base_url"]))


class AssessmentHandler(_PlainPage):
    """The graded assessment's page, and its buttons: each posts here, does its one nbgrader step,
    and comes back to the page (so reloading never repeats a step). A step that fails shows the
    page again with the reason in plain words."""

    STEPS = {"get": TraineeAssessment.get, "hand-in": TraineeAssessment.hand_in,
             "get-feedback": TraineeAssessment.get_feedback}

    def get(self, step: str | None = None) -> None:
        if step:  # a step's address opened rather than posted: the page, where its button is
            self.redirect(self.url(ASSESSMENT))
            return
        self.show()

    def post(self, step: str) -> None:
        self.check_xsrf_cookie()  # a button on another site must not hand in for the trainee
        try:
            self.STEPS[step](self.assessment)
        except AssessmentUnavailable as exc:
            self.set_status(503)
            self.show(problem=str(exc))
            return
        self.redirect(self.url(ASSESSMENT), status=303)

    def show(self, problem: str = "") -> None:
        try:
            state = self.assessment.state()
        except AssessmentUnavailable as exc:
            state, problem = None, problem or str(exc)
        self.finish(render_assessment(state, problem=problem, base_url=self.settings["base_url"],
                                      xsrf_form_html=self.xsrf_form_html()))


def _fetched(assessment: TraineeAssessment, what: str) -> Path | None:
    """The trainee's copy of the notebook or of the feedback (``what``), if they have one; None
    also when nbgrader cannot say, since the assessment's page then says why."""
    try:
        path = getattr(assessment.state(), what)
    except AssessmentUnavailable:
        return None
    return path if path is not None and path.is_file() else None


class AssessmentFeedbackHandler(_PlainPage):
    """The trainee's newest feedback page, as nbgrader fetched it (the course's own layout, see
    ``grading.assessment.feedback_page``); before there is one, back to the assessment page."""

    def get(self) -> None:
        feedback = _fetched(self.assessment, "feedback")
        if feedback is None:
            self.redirect(self.url(ASSESSMENT))
            return
        self.finish(feedback_with_way_back(feedback.read_text(encoding="utf-8"), self.settings["base_url"]))


class AssessmentPageHandler(CarersPageHandler):
    """The trainee's fetched assessment notebook as a page, through the course's lock-down.

    Voila reads a page and starts its kernel from one path, which the course's own reader would
    take as inside the course folder. This page's path is the fetched notebook's, absolute, chosen
    here and never taken from the address; it is read by a reader that takes absolute paths, and
    ``coursesite.kernels`` starts its kernel beside it, where the player saves the answers.
    """

    async def get(self, path=None):
        notebook = _fetched(self.settings["mfc_assessment"], "notebook")
        if notebook is None:  # not got yet: the assessment's page says how
            return self.redirect(url_path_join(self.settings["base_url"], ASSESSMENT))
        self.notebook_path = str(notebook)
        return await super().get()

    busy_notice = CoursePageHandler.busy_notice  # one trainee's server, like the course's pages

    @property
    def contents_manager(self) -> FileContentsManager:
        """Reads this page's one notebook by its absolute path, hence rooted at the file system's
        root; the path is the one ``get`` chose, and the contents API stays unrouted."""
        return FileContentsManager(root_dir=Path(self.notebook_path).anchor)


class CourseVoila(CarersVoila):
    """The carers' locked-down Voila, serving the course folder with a home page and a record."""

    name = "mfc-course"
    description = "Serve the trainees' course with Voila: pages, not notebooks."
    pages_dir = shipped_course()
    config_dirs = (CONFIG_DIR, CarersVoila.pages_dir)  # the first folder's settings win
    page_handler = CoursePageHandler
    assessment_home: Path | None = None  # where the graded assessment is fetched; None: no assessment

    def landing_url(self) -> str:
        return url_path_join(self.base_url, HOME)

    def initialize(self, argv=None) -> None:
        super().initialize(argv)
        self.trainee = TraineeFolder(Path(self.root_dir), answers_dir())
        self.assessment = TraineeAssessment(self.assessment_home) if self.assessment_home else None
        # Voila hands VoilaConfiguration.resources to its templates; the carers' template draws
        # the links from resources.page_nav.
        self.voila_configuration.config.VoilaConfiguration.resources = {
            "page_nav": {**navigation(Path(self.root_dir), self.base_url), **assessment_navigation(self.base_url)}}

    def init_settings(self) -> dict:
        return {**super().init_settings(), "mfc_trainee": self.trainee, "mfc_assessment": self.assessment}

    def init_handlers(self) -> list:
        options = {"trainee": self.trainee, "assessment": self.assessment}
        pages = [(url_path_join(self.base_url, HOME), HomeHandler, options),
                 (url_path_join(self.base_url, RECORD), RecordHandler, options)]
        if self.assessment:
            voila = {"voila_configuration": self.voila_configuration, "template_paths": self.template_paths,
                     "config": self.config}
            pages += [(url_path_join(self.base_url, ASSESSMENT), AssessmentHandler, options),
                      (url_path_join(self.base_url, ASSESSMENT, f"({'|'.join(AssessmentHandler.STEPS)})"),
                       AssessmentHandler, options),
                      (url_path_join(self.base_url, ASSESSMENT_FEEDBACK), AssessmentFeedbackHandler, options),
                      (url_path_join(self.base_url, ASSESSMENT_PAGE), AssessmentPageHandler, voila)]
        return [*pages, *super().init_handlers()]


def serve(*, port: int, ip: str, course: Path | None = None, base_url: str = "/", preheat: bool = False,
          assessment_home: Path | None = None, verbose: bool = False) -> None:
    """Run the course pages for one trainee until interrupted (Ctrl-C or SIGTERM); with
    ``assessment_home``, also the graded assessment, fetched into that folder."""
    CourseVoila.assessment_home = assessment_home
    extra = [f"--Voila.base_url={base_url}"]
    if preheat:
        extra.append("--VoilaConfiguration.preheat_kernel=True")
    serve_pages(port=port, ip=ip, pages=course, verbose=verbose, app=CourseVoila, extra_argv=tuple(extra))
