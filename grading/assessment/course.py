"""The nbgrader course root of the summative assessment, and nbgrader's Python API opened on it.

Why the Python API (``NbGraderAPI``) rather than the ``nbgrader`` command: every command starts a
new application (about 2.5 s each on this machine), while the API does the same work in-process,
returns success and the log as a dict (so a failure becomes one clear line, not a traceback), and
lets ``mfc assess`` loop over trainees with a progress bar.

One source of settings: the course root's ``nbgrader_config.py`` calls :func:`configure`, and
``mfc assess`` reads that file the way nbgrader does (:func:`nbgrader_settings`), so whatever a
course lead or a hub adds there or in Jupyter's config folders (an exchange plugin such as
ngshare, a PostgreSQL gradebook's ``db_url``) holds for ``mfc assess`` as for formgrader and
the ``nbgrader`` command.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from grading.assessment.spec import ASSIGNMENT_ID, COURSE_ID

DEFAULT_ROOT = Path(__file__).resolve().parent / "nbgrader_course"
# nbgrader's default of 30 s per cell is a known surprise (jupyter/nbgrader#915); a graded cell
# here takes well under a second, so a minute only ever trips on a hung kernel.
EXECUTION_TIMEOUT = 60
# The exchange is shared by the course lead and every trainee: anyone may write into it.
# nbgrader's release resets any other mode on the root, so create it with this one.
EXCHANGE_MODE = 0o777
# A course root holds trainees' work and marks: only its owner may enter one that init creates.
PRIVATE_MODE = 0o700
_EXCEPTION = re.compile(r"^\s*((?:\w+\.)*\w+(?:Error|Exception|Exit): .*)$", re.MULTILINE)
_EDITED = re.compile(r"Attribute '(\w+)' for cell (\S+) has changed")


class AssessmentError(ValueError):
    """A course-lead step could not run; the message says which step and why, in one line."""


def exchange_for(root: Path) -> Path:
    """The exchange folder: ``$MFC_EXCHANGE`` if set (a hub sets a folder every user shares),
    else ``exchange/`` inside the course root (one machine, trying things out)."""
    return Path(os.environ.get("MFC_EXCHANGE") or root / "exchange")


def gradebook_url(root: Path) -> str:
    """nbgrader's default gradebook: SQLite, ``gradebook.db`` in the course root."""
    return f"sqlite:///{Path(root) / 'gradebook.db'}"


def configure(config, root: Path | str, exchange: Path | str | None = None, db_url: str | None = None):
    """Put the course's nbgrader settings into a traitlets ``Config`` and return it."""
    root = Path(root)
    config.CourseDirectory.course_id = COURSE_ID
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = db_url or gradebook_url(root)
    config.Exchange.root = str(exchange or exchange_for(root))
    config.Execute.timeout = EXECUTION_TIMEOUT
    # Each grading kernel keeps its command history in memory (parallel kernels would otherwise
    # contend for one history database) and logs errors only: its start-up warning about
    # unencrypted local TCP would otherwise reach the course lead's terminal for every trainee.
    config.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]
    # The trainee's feedback page: the course's exporter and template. Set for that exporter's own
    # class, since nbgrader sets HTMLExporter.template_name to its own template on every
    # generate_feedback call, and a subclass's settings win. (Imported here: nbconvert takes over
    # a second to import, and only nbgrader, which has it loaded already, reads these settings.)
    from grading.assessment import feedback_page

    config.GenerateFeedback.exporter_class = f"{feedback_page.__name__}.{feedback_page.FeedbackPage.__name__}"
    config.FeedbackPage.template_name = feedback_page.TEMPLATE_NAME
    config.FeedbackPage.extra_template_basedirs = [str(feedback_page.TEMPLATES)]
    return config


@contextmanager
def quiet_nbgrader() -> Iterator[None]:
    """Keep nbgrader's known harmless noise off the course lead's terminal.

    SQLAlchemy warns once per new submission ("not in session", harmless; see the toolchain
    notes) and traitlets' logger would echo every INFO line. The API still captures its log into
    each result, which is where :func:`check` and the autograde summary read it.
    """
    log = logging.getLogger("traitlets")
    propagate = log.propagate
    log.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*not in session.*")
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            yield
    finally:
        log.propagate = propagate


def check(result: dict | None, step: str) -> str:
    """The log of a successful API call; a failed one raises AssessmentError with its reason."""
    if result is None:
        raise AssessmentError(f"{step}: nbgrader's exchange does not work on this system")
    if result.get("success"):
        return result.get("log", "")
    raise AssessmentError(f"{step} failed: {failure_reason(result)}")


def failure_reason(result: dict) -> str:
    """The most telling line of a failed API call: the exception nbgrader logged (its own ERROR
    lines often just say "see the above traceback"), else its last ERROR line."""
    text = "\n".join([result.get("log", ""), result.get("error", "")])
    exceptions = [line for line in _EXCEPTION.findall(text) if "above traceback" not in line]
    if exceptions:
        return exceptions[-1].strip()
    errors = [line[len("[ERROR] "):] for line in text.splitlines() if line.startswith("[ERROR] ")]
    return errors[-1] if errors else "unknown error"


def edited_cells(log: str) -> list[tuple[str, str]]:
    """Read-only cells a trainee changed, as (cell id, attribute), from an autograde log.

    nbgrader notices an edited locked cell by its checksum, restores the original and logs a
    warning; the course lead should hear about it, so the summary lists them.
    """
    return sorted({(cell, attribute) for attribute, cell in _EDITED.findall(log)})


def nbgrader_settings(root: Path):
    """The settings nbgrader itself uses in this course root, as a traitlets ``Config``: every
    ``nbgrader_config.py`` on Jupyter's config path (``/etc/jupyter``, the environment's
    ``etc/jupyter``, ``~/.jupyter``), then the course root's own, which wins (nbgrader's order)."""
    from nbgrader.apps.baseapp import NbGrader
    from traitlets.config import Application

    app = NbGrader()
    app.load_cwd_config = False
    app.raise_config_file_errors = True  # a broken config file must stop us, not be skipped
    level = app.log.level
    app.log.setLevel(logging.ERROR)  # not "no nbgrader_config.py found" for Jupyter's empty folders
    try:
        app.load_config_file()
        # What NbGrader.initialize does next: the course root's own file, loaded last, wins.
        Application.load_config_file(app, "nbgrader_config.py", path=str(root))
    except Exception as exc:  # whatever a config file raises: report it in one line
        raise AssessmentError(f"cannot read nbgrader's settings for {root}: {type(exc).__name__}: {exc}") from None
    finally:
        app.log.setLevel(level)
    return app.config


@dataclass(frozen=True)
class Course:
    """An nbgrader course root (``nbgrader_config.py``, ``source/``) and its exchange folder
    (nbgrader's folder exchange; an exchange plugin configured for the course ignores it)."""

    root: Path
    exchange: Path

    @classmethod
    def open(cls, root: Path | str | None = None, exchange: Path | str | None = None) -> Course:
        """The course at ``root`` (default ``$MFC_COURSE_ROOT``, else the one shipped in
        ``grading/assessment/nbgrader_course``); raises AssessmentError if it is not a course root."""
        root = Path(root or os.environ.get("MFC_COURSE_ROOT") or DEFAULT_ROOT).resolve()
        if not (root / "nbgrader_config.py").is_file():
            raise AssessmentError(f"{root} is not an nbgrader course root (no nbgrader_config.py); "
                                  f"create one with `mfc assess init DIR`")
        _venv_on_path()
        if exchange is None:
            exchange = nbgrader_settings(root).Exchange.get("root") or exchange_for(root)
        return cls(root, Path(exchange).resolve())

    def require_gradebook(self) -> None:
        """Opening a missing SQLite gradebook would quietly create an empty one; say what to run
        instead. (A database server's gradebook is created by nbgrader itself, on release.)"""
        book = self.gradebook_file
        if book is not None and not book.is_file():
            raise AssessmentError(f"no gradebook in {self.root}: release the assignment first (mfc assess release)")

    @property
    def db_url(self) -> str:
        """The gradebook's address as configured (default: ``gradebook.db`` in the course root)."""
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config()).db_url

    @property
    def gradebook_file(self) -> Path | None:
        """The SQLite gradebook's file, or None when the gradebook is on a database server."""
        url = self.db_url
        return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None

    def config(self, db_url: str | None = None):
        """nbgrader's settings for this course (:func:`nbgrader_settings`), with this course's
        root and exchange folder, and ``db_url`` instead of the configured gradebook if given."""
        config = nbgrader_settings(self.root)
        config.CourseDirectory.root = str(self.root)
        config.Exchange.root = str(self.exchange)
        if db_url:
            config.CourseDirectory.db_url = db_url
        return config

    def api(self, config=None):
        """nbgrader's API on this course, with :meth:`config` unless another is given (a
        worker's, pointing at its own gradebook)."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        config = config or self.config()
        with quiet_nbgrader():
            return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)

    def ensure_exchange(self) -> None:
        """Create the exchange root with the mode every user needs (trainees submit into it)."""
        self.exchange.mkdir(parents=True, exist_ok=True)
        if self.exchange.stat().st_mode & 0o777 != EXCHANGE_MODE:
            self.exchange.chmod(EXCHANGE_MODE)

    def folder(self, step: str, student: str = ".", assignment: str = ASSIGNMENT_ID) -> Path:
        """Where nbgrader keeps one step's files: ``<root>/<step>/<student>/<assignment>``."""
        return self.root / step / student / assignment

    def submitted_students(self, assignment: str = ASSIGNMENT_ID) -> list[str]:
        """Trainees with a collected submission, sorted."""
        return sorted(p.parent.name for p in (self.root / "submitted").glob(f"*/{assignment}") if p.is_dir())

    def autograded_students(self, assignment: str = ASSIGNMENT_ID) -> list[str]:
        return sorted(p.parent.name for p in (self.root / "autograded").glob(f"*/{assignment}") if p.is_dir())


def _venv_on_path() -> None:
    """nbgrader shells out to ``alembic`` when it creates a gradebook, and starts kernels by
    name: both must come from this interpreter's environment even if it was not activated."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])


def init_course(target: Path | str) -> Course:
    """A new course root at ``target`` with the shipped config and source, for a course lead who
    keeps the gradebook and submissions outside the checkout (e.g. on a hub).

    The root will hold every trainee's work and marks, so a folder made here is closed to
    everyone but its owner (0700), whatever the umask. A folder that already exists keeps its
    mode: whoever made it chose who may enter (e.g. a group of course leads sharing one root)."""
    target = Path(target)
    if (target / "nbgrader_config.py").exists():
        raise AssessmentError(f"{target} is already a course root")
    if not target.exists():
        target.mkdir(parents=True)
        target.chmod(PRIVATE_MODE)
    shutil.copy2(DEFAULT_ROOT / "nbgrader_config.py", target / "nbgrader_config.py")
    shutil.copytree(DEFAULT_ROOT / "source", target / "source", dirs_exist_ok=True)
    return Course.open(target)
