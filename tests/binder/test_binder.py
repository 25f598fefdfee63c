"""Binder gets what the course is tested with: the lock's pins, the course's packages, working links.

A real repo2docker build needs Docker, which CI does not have; the slow test stands in for it by
doing what repo2docker's Python build does (fresh environment, ``pip install -r
binder/requirements.txt``, ``binder/postBuild``) and then running the course's notebook tests there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"
BADGE_LINK = re.compile(r"\(https://mybinder\.org/v2/gh/OWNER/REPO/HEAD\?urlpath=([^)\s]+)\)")
STEP_TIMEOUT = 1500  # a cold pip install of the whole lock on a busy 2-core machine


def pins(path: Path) -> list[str]:
    """The requirement lines of a pip requirements file, without comments or blank lines."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_binder_requirements_are_the_lock():
    assert pins(BINDER / "requirements.txt") == pins(ROOT / "requirements.lock"), \
        "binder/requirements.txt is out of date: run `make binder` and commit it"


def test_binder_uses_the_locked_python():
    assert (BINDER / "runtime.txt").read_text().strip() == "python-3.11"
    assert 'requires-python = ">=3.11,<3.12"' in (ROOT / "pyproject.toml").read_text()


def test_readme_badges_open_the_start_page_in_lab_and_the_carers_page_in_voila():
    targets = BADGE_LINK.findall((ROOT / "README.md").read_text())
    assert targets == ["lab/tree/course/00_start_here.ipynb", "voila/render/course/carers/index.ipynb"]
    assert (ROOT / "course" / "00_start_here.ipynb").is_file()
    assert (ROOT / "course" / "carers" / "index.ipynb").is_file(), \
        "the carers' Binder badge points at a page that does not exist"


def repository_files() -> list[str]:
    """Tracked and new (not ignored) files: what a push would give Binder, including uncommitted work."""
    listing = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    return [name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def run_step(argv: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(map(str, argv))} failed ({result.returncode}):\n{output[-3000:]}"
    return output


@pytest.mark.slow
def test_fresh_binder_environment_runs_the_course_notebooks(tmp_path):
    repo = tmp_path / "repo"
    for name in repository_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=STEP_TIMEOUT)
    bin_dir = venv / "bin"
    # Only the fresh environment on PATH, as in a Binder image; pip keeps using its cache and index settings.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "VIRTUAL_ENV": str(venv)}
    env.pop("PYTHONPATH", None)
    # --no-compile: bytecode is not under test here, and compiling every package costs minutes of CPU.
    run_step([bin_dir / "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile", "-r",
              "binder/requirements.txt"], repo, env)
    run_step([repo / "binder" / "postBuild"], repo, env)
    assert "No broken requirements" in run_step([bin_dir / "pip", "check"], repo, env)
    output = run_step([bin_dir / "python", "-m", "pytest", "tests/notebooks", "-q", "-p", "no:cacheprovider"],
                      repo, env)
    # Judge pytest's own summary line, not any log text that happens to contain "failed".
    assert re.search(r"\b\d+ passed\b", output) and not re.search(r"\b\d+ (failed|error)", output), output
