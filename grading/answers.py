"""Trainees' answers, one small JSON file per trainee per scenario, beside the notebook.

Why a file beside the notebook: Jupyter starts a kernel in the notebook's folder and nbgrader
re-executes the notebook there when it autogrades, so the graded cells find the answers the
trainee clicked without any server. Why so careful writing it: a kernel can be restarted or
killed at any moment, and a half-written file would cost the trainee every answer in it. So:

- every write goes to a temporary file in the same folder, is flushed and fsynced, and then
  replaces the old file in one step (``os.replace``): a reader sees the old file or the new one,
  never a mix;
- writers to one folder take turns (an advisory lock on the folder, where the system has one),
  so two kernels on the same scenario cannot lose each other's answers;
- a file that is not a valid answers file for its scenario (corrupt, or foreign: another
  scenario, another schema) is never overwritten. Loading it logs a warning, moves it aside as
  ``<name>.corrupt-<UTC timestamp>`` for a course lead to look at, and starts an empty file, so
  the trainee can carry on. (An error would stop the trainee's notebook over a file they cannot
  mend; nothing is lost either way, because the file is kept.)

A file belongs to the trainee who first wrote it. Anyone may load it (nbgrader runs as the
course lead), but recording into another trainee's file is refused rather than mixing two
people's answers.

The format (README.md, "Answer files")::

    {"schema": 1, "scenario": ID, "trainee": ID,
     "answers": {QUESTION_ID: LEVEL_ID or [ACTION_ID, ...]}, "reasons": {QUESTION_ID: text},
     "updated": ISO time, "started": ISO time of the first answer, ...any other fields, kept as they are}
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writes are still atomic.
    fcntl = None

SCHEMA = 1
SUFFIX = ".answers.json"
STANDARD_FIELDS = ("schema", "scenario", "trainee", "answers", "reasons", "updated")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

logger = logging.getLogger(__name__)

StoredAnswer = str | list[str]


class AnswerFileError(ValueError):
    """An answers file (or something to be stored in one) is not in the expected shape; the
    message names the file or field at fault."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _checked_answer(question_id: object, answer: object) -> StoredAnswer:
    """An answer as it is stored: one level id, or a list of action ids."""
    if not isinstance(question_id, str) or not question_id:
        raise AnswerFileError(f"question ids are non-empty strings; got {question_id!r}")
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list | tuple) and all(isinstance(a, str) for a in answer):
        return list(answer)
    raise AnswerFileError(f"{question_id}: an answer is a level id or a list of action ids; got {answer!r}")


@dataclass(frozen=True)
class AnswerFile:
    """One trainee's answers to one scenario. ``extra`` holds any other top-level fields (e.g.
    the assessment's per-learner variant seed), which are kept unchanged."""

    scenario: str
    trainee: str
    answers: dict[str, StoredAnswer] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    updated: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object) -> AnswerFile:
        """Check a parsed JSON document field by field; the error names the first bad field."""
        if not isinstance(data, dict):
            raise AnswerFileError(f"an answers file is a JSON object; got {type(data).__name__}")
        schema = data.get("schema", SCHEMA)  # files written by hand may leave it out
        if schema != SCHEMA or isinstance(schema, bool):
            raise AnswerFileError(f"schema: this version reads schema {SCHEMA}; got {schema!r}")
        for name in ("scenario", "trainee"):
            if not isinstance(data.get(name), str) or not data[name]:
                raise AnswerFileError(f"{name}: a non-empty string is required; got {data.get(name)!r}")
        answers, reasons = data.get("answers", {}), data.get("reasons", {})
        if not isinstance(answers, dict):
            raise AnswerFileError(f"answers: an object of question id -> answer; got {type(answers).__name__}")
        if not isinstance(reasons, dict) or not all(isinstance(r, str) for r in reasons.values()):
            raise AnswerFileError("reasons: an object of question id -> text")
        updated = data.get("updated")
        if updated is not None and not isinstance(updated, str):
            raise AnswerFileError(f"updated: an ISO time string; got {updated!r}")
        return cls(
            scenario=data["scenario"],
            trainee=data["trainee"],
            answers={qid: _checked_answer(qid, a) for qid, a in answers.items()},
            reasons=dict(reasons),
            updated=updated,
            extra={k: v for k, v in data.items() if k not in STANDARD_FIELDS},
        )

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "scenario": self.scenario,
            "trainee": self.trainee,
            "answers": dict(self.answers),
            "reasons": dict(self.reasons),
            "updated": self.updated,
            **self.extra,
        }

    def with_answer(self, question_id: str, answer: object, reason: str | None) -> AnswerFile:
        """A copy with this answer; a new answer replaces the old one and its reason."""
        stored = _checked_answer(question_id, answer)
        if reason is not None and not isinstance(reason, str):
            raise AnswerFileError(f"{question_id}: a reason is text; got {type(reason).__name__}")
        reasons = {qid: text for qid, text in self.reasons.items() if qid != question_id}
        if reason:
            reasons[question_id] = reason
        return replace(self, answers={**self.answers, question_id: stored}, reasons=reasons)


def read_answer_file(path: Path | str) -> AnswerFile:
    """Read and check one answers file; any problem is an AnswerFileError naming the file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnswerFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswerFileError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise AnswerFileError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    try:
        return AnswerFile.from_json(data)
    except AnswerFileError as exc:
        raise AnswerFileError(f"{path}: {exc}") from None


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a reader, or a crash at any moment, finds either
    the old content or the new, whole."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    # Make the rename itself durable. Best effort: some systems (Windows) cannot open a folder.
    with suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@contextmanager
def _folder_lock(directory: Path) -> Iterator[bool]:
    """Hold an exclusive advisory lock on the folder while reading and rewriting a file in it.

    Yields whether the lock is held: where the system cannot lock a folder (Windows, some
    network file systems) writes are still atomic, but two writers could each miss the
    other's latest answer.
    """
    if fcntl is None:
        yield False
        return
    handle = os.open(directory, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            locked = True
        except OSError:
            locked = False
        yield locked
    finally:
        os.close(handle)  # closing releases the lock


def _default_trainee() -> str:
    named = os.environ.get("MFC_TRAINEE") or os.environ.get("JUPYTERHUB_USER")
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no name (no passwd entry, no LOGNAME)
        return "unknown-trainee"


class AnswerStore:
    """Where one trainee's answers live: ``<directory>/<scenario_id>.answers.json``.

    ``directory`` defaults to ``$MFC_ANSWERS_DIR``, else the current working directory (the
    notebook's folder, in Jupyter and in nbgrader). ``trainee`` defaults to ``$MFC_TRAINEE``,
    else ``$JUPYTERHUB_USER``, else the login name.
    """

    def __init__(self, directory: Path | str | None = None, trainee: str | None = None):
        self.directory = Path(directory or os.environ.get("MFC_ANSWERS_DIR") or Path.cwd())
        self.trainee = trainee or _default_trainee()

    def path(self, scenario_id: str) -> Path:
        if not isinstance(scenario_id, str) or not _SLUG.fullmatch(scenario_id):
            raise AnswerFileError(f"a scenario id is lower-case words joined by '-'; got {scenario_id!r}")
        return self.directory / f"{scenario_id}{SUFFIX}"

    def load(self, scenario_id: str) -> AnswerFile:
        """The answers recorded so far; an empty AnswerFile if there are none yet."""
        path = self.path(scenario_id)
        if not self.directory.is_dir():
            return AnswerFile(scenario_id, self.trainee)
        with _folder_lock(self.directory):
            return self._load(scenario_id, path)

    def record(self, scenario_id: str, question_id: str, answer: object, reason: str | None = None) -> AnswerFile:
        """Save one answer (replacing any earlier answer to that question) and return the file."""
        return self._update(scenario_id, lambda current: current.with_answer(question_id, answer, reason))

    def annotate(self, scenario_id: str, **fields: Any) -> AnswerFile:
        """Save extra top-level fields (e.g. ``variant_seed=7``); they must be JSON values and
        may not reuse a standard field's name."""
        clashes = sorted(set(fields) & set(STANDARD_FIELDS))
        if clashes:
            raise AnswerFileError(f"cannot annotate standard fields: {', '.join(clashes)}")
        try:
            json.dumps(fields)
        except (TypeError, ValueError) as exc:
            raise AnswerFileError(f"annotations must be JSON values ({exc})") from None
        return self._update(scenario_id, lambda current: replace(current, extra={**current.extra, **fields}))

    # -- internals

    def _update(self, scenario_id: str, change) -> AnswerFile:
        path = self.path(scenario_id)
        self.directory.mkdir(parents=True, exist_ok=True)
        with _folder_lock(self.directory) as locked:
            if locked:  # no other writer is mid-write, so any temporary file is a crash's leftover
                for leftover in self.directory.glob(f".{path.name}.*.tmp"):
                    leftover.unlink(missing_ok=True)
            current = self._load(scenario_id, path)
            if current.trainee != self.trainee:
                raise AnswerFileError(f"{path} holds the answers of trainee {current.trainee!r}, not "
                                      f"{self.trainee!r}; move it away or set MFC_TRAINEE")
            changed, now = change(current), _now()
            # When the trainee first answered: progress counts time on task from it (grading.progress).
            started = {"started": changed.extra.get("started") or now} if changed.answers else {}
            updated = replace(changed, updated=now, extra={**changed.extra, **started})
            write_atomically(path, json.dumps(updated.to_json(), indent=2, ensure_ascii=False) + "\n")
            return updated

    def _load(self, scenario_id: str, path: Path) -> AnswerFile:
        if not path.exists():
            return AnswerFile(scenario_id, self.trainee)
        try:
            loaded = read_answer_file(path)
            if loaded.scenario != scenario_id:
                raise AnswerFileError(f"{path}: scenario: expected {scenario_id!r}; got {loaded.scenario!r}")
            return loaded
        except AnswerFileError as problem:
            kept = _move_aside(path)
            logger.warning("%s; kept it as %s and started an empty answers file", problem, kept.name)
            return AnswerFile(scenario_id, self.trainee)


def _move_aside(path: Path) -> Path:
    """Rename a bad file to ``<name>.corrupt-<UTC timestamp>`` (never overwriting one)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    count = 1
    while target.exists():
        count += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{count}")
    os.replace(path, target)
    return target

