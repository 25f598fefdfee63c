"""A trainee's own copy of the course: fresh pages in, nothing of theirs overwritten.

On a hub every person needs the course notebooks in their home folder, and gets a newer course
when the hub is updated. ``copy_course`` runs at every server start (or by hand) and is safe to
repeat. It writes each page without outputs, and records in a hidden manifest what it wrote:

- a page that is not there yet is copied;
- a page still exactly as we last wrote it is replaced by the newer version, if there is one;
- a page the person changed (or saved after running it) is kept as it is, never overwritten,
  and so is any file we did not write. The newer version of a kept page is not written anywhere:
  deleting the page and running the copy again brings it back fresh.

Answers are separate files (``*.answers.json``) that are never part of the course, so they are
never touched. The foster carers' pages and the coverage matrix are left out: trainees do not
open them, and the closing page reads the installed course's matrix (:mod:`grading.selfcheck`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from course_files import shipped_course

MANIFEST = ".mfc-course.json"
NOT_FOR_TRAINEES = ("carers", "coverage.yaml")


@dataclass
class CopyReport:
    """What one run did, by path relative to the copy."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by the person: left alone
    unchanged: list[str] = field(default_factory=list)


def trainee_files(course: Path) -> list[Path]:
    """The course's files a trainee opens, relative to ``course``."""
    files = []
    for path in sorted(course.rglob("*")):
        relative = path.relative_to(course)
        if (path.is_file() and relative.parts[0] not in NOT_FOR_TRAINEES
                and not any(part.startswith(".") for part in relative.parts)
                and not path.name.endswith(".answers.json")):
            files.append(relative)
    return files


def fresh_content(path: Path) -> bytes:
    """A file as a trainee should first see it: a notebook without outputs or run counts."""
    if path.suffix != ".ipynb":
        return path.read_bytes()
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return (json.dumps(notebook, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def copy_course(target: Path | str, source: Path | None = None) -> CopyReport:
    """Copy the course (default: the installed one) into ``target``; see the module docstring."""
    target, source = Path(target), source or shipped_course()
    target.mkdir(parents=True, exist_ok=True)
    manifest_file = target / MANIFEST
    written = json.loads(manifest_file.read_text()) if manifest_file.is_file() else {}
    report = CopyReport()
    for relative in trainee_files(source):
        name, destination = relative.as_posix(), target / relative
        content = fresh_content(source / relative)
        if not destination.exists():
            report.copied.append(name)
        else:
            current = _digest(destination.read_bytes())
            if current == _digest(content):
                report.unchanged.append(name)
                written[name] = current
                continue
            if written.get(name) != current:
                report.kept.append(name)
                continue
            report.updated.append(name)
        _write(destination, content)
        written[name] = _digest(content)
    _write(manifest_file, (json.dumps(written, indent=1, sort_keys=True) + "\n").encode())
    return report


def _write(path: Path, content: bytes) -> None:
    """Write through a temporary file and a rename, so a page is never left half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
