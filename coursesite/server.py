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
* Previous/Next links on every page, given to the template as ``resources.page_nav``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jupyter_server.utils import url_path_join
from tornado.web import RequestHandler

from carers.kernel_cap import BUSY_HEADING, BUSY_MESSAGE
from carers.server import CarersPageHandler, CarersVoila
from carers.server import serve as serve_pages
from coursesite.pages import HOME, RECORD, navigation, render_home, render_record
from grading.answers import AnswerStore
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

    def initialize(self, trainee: TraineeFolder, assessment_url: str | None) -> None:
        self.trainee = trainee
        self.assessment_url = assessment_url

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")


class HomeHandler(_PlainPage):
    def get(self) -> None:
        found = self.trainee.progress()
        self.finish(render_home(found, completion(found, self.trainee.visits()),
                                base_url=self.settings["base_url"], assessment_url=self.assessment_url))


class RecordHandler(_PlainPage):
    def get(self) -> None:
        found = self.trainee.progress()
        self.finish(render_record(found, completion(found, self.trainee.visits()), shipped_library(),
                                  name=self.get_argument("name", ""), base_url=self.settings["base_url"]))


class CourseVoila(CarersVoila):
    """The carers' locked-down Voila, serving the course folder with a home page and a record."""

    name = "mfc-course"
    description = "Serve the trainees' course with Voila: pages, not notebooks."
    pages_dir = shipped_course()
    config_dirs = (CONFIG_DIR, CarersVoila.pages_dir)  # the first folder's settings win
    page_handler = CoursePageHandler
    assessment_url: str | None = None

    def landing_url(self) -> str:
        return url_path_join(self.base_url, HOME)

    def initialize(self, argv=None) -> None:
        super().initialize(argv)
        self.trainee = TraineeFolder(Path(self.root_dir), answers_dir())
        # Voila hands VoilaConfiguration.resources to its templates; the carers' template draws
        # the links from resources.page_nav.
        self.voila_configuration.config.VoilaConfiguration.resources = {
            "page_nav": navigation(Path(self.root_dir), self.base_url)}

    def init_settings(self) -> dict:
        return {**super().init_settings(), "mfc_trainee": self.trainee}

    def init_handlers(self) -> list:
        options = {"trainee": self.trainee, "assessment_url": self.assessment_url}
        return [(url_path_join(self.base_url, HOME), HomeHandler, options),
                (url_path_join(self.base_url, RECORD), RecordHandler, options),
                *super().init_handlers()]


def serve(*, port: int, ip: str, course: Path | None = None, base_url: str = "/", preheat: bool = False,
          assessment_url: str | None = None, verbose: bool = False) -> None:
    """Run the course pages for one trainee until interrupted (Ctrl-C or SIGTERM)."""
    CourseVoila.assessment_url = assessment_url
    extra = [f"--Voila.base_url={base_url}"]
    if preheat:
        extra.append("--VoilaConfiguration.preheat_kernel=True")
    serve_pages(port=port, ip=ip, pages=course, verbose=verbose, app=CourseVoila, extra_argv=tuple(extra))
