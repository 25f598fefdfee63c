"""Binder gets what the course is tested with: the lock's pins, the course's packages, working links.

A real repo2docker build needs Docker, which CI does not have; the slow test stands in for it by
doing what repo2docker's Python build does (fresh environment, ``pip install -r
binder/requirements.txt``, ``binder/postBuild``) and then running the course's notebook tests there,
and opening the course home the Binder link points at, through that environment's JupyterLab.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser.servers import serve_on_free_port
from helpers.lab_defaults import SETTINGS_PATH, assert_quiet

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"
BADGE_LINK = re.compile(r"\(https://mybinder\.org/v2/gh/OWNER/REPO/HEAD\?urlpath=([^)\s]+)\)")
STEP_TIMEOUT = 1500  # a cold pip install of the whole lock on a busy 2-core machine
COURSE_HOME = "course/home"
# jupyter-server-proxy starts the course pages on the first request and gives them 120 s (its config).
COURSE_START_TIMEOUT = 180


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


def test_readme_badges_open_the_course_home_and_the_carers_page_in_voila():
    targets = BADGE_LINK.findall((ROOT / "README.md").read_text())
    assert targets == [COURSE_HOME, "voila/render/course/carers/index.ipynb"]
    proxied = json.loads((ROOT / "deploy" / "jupyter_server_config.json").read_text())["ServerProxy"]["servers"]
    assert proxied["course"]["launcher_entry"]["path_info"] == COURSE_HOME, \
        "the course Binder badge must open the page the course-pages entry serves"
    assert (ROOT / "course" / "carers" / "index.ipynb").is_file(), \
        "the carers' Binder badge points at a page that does not exist"


def repository_files() -> list[str]:
    """Tracked and new (not ignored) files: what a push would give Binder, including uncommitted work."""
    listing = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    return [name for name in listing.split("\0") if name and ((ROOT / name).is_file() or (ROOT / name).is_symlink())]


def copy_repository(target: Path) -> None:
    """The repository's files as a clone would have them: links stay links (course_files/course)."""
    for name in repository_files():
        source, copy = ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, copy)


def run_step(argv: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(map(str, argv))} failed ({result.returncode}):\n{output[-3000:]}"
    return output


@pytest.mark.slow
def test_fresh_binder_environment_runs_the_course_notebooks(tmp_path):
    repo = tmp_path / "repo"
    copy_repository(repo)
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
    assert "Missing from care: your course" in course_home_in(repo, bin_dir, env, tmp_path)


def course_home_in(repo: Path, bin_dir: Path, env: dict[str, str], log_dir: Path) -> str:
    """The course home page, as the Binder link opens it: the environment's own JupyterLab, whose
    settings postBuild extended, proxying ``course/home`` to the course pages it starts (and
    with JupyterLab's defaults for trainees, checked on the way)."""
    token = secrets.token_hex(16)
    argv = [str(bin_dir / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={repo}",
            *(["--allow-root"] if os.geteuid() == 0 else [])]
    with serve_on_free_port("binder-lab", lambda port: [*argv, f"--ServerApp.port={port}"], token=token,
                            root_dir=repo, ready_path="api/status", log_dir=log_dir, env=env,
                            timeout=120) as server:
        with urllib.request.urlopen(server.url(SETTINGS_PATH), timeout=30) as answer:
            assert_quiet(json.load(answer))  # postBuild gave JupyterLab the course's defaults
        deadline = time.monotonic() + COURSE_START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(server.url(COURSE_HOME), timeout=COURSE_START_TIMEOUT) as response:
                    return response.read().decode("utf-8")
            except urllib.error.HTTPError as error:  # 5xx while the course pages start behind the proxy
                if time.monotonic() > deadline:
                    raise AssertionError(f"{COURSE_HOME}: {error}\n{server.log_tail(40)}") from error
            time.sleep(1)
