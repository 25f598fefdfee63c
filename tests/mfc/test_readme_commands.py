"""The README's ``mfc`` commands work as written from a clone: ``bin/mfc ...``.

A fresh clone has no ``mfc`` on PATH (it lives in ``.venv``), so the README writes every command
as ``bin/mfc``, a wrapper that installs ``.venv`` on first use and then runs it; only where the
project is installed as a package (a hub) is it plain ``mfc``. These tests check the README says
so everywhere, run README commands exactly as written, and check the wrapper's first use with a
stand-in ``make`` (a real install takes minutes; tests/install builds and installs the package).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from mfc.cli import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Sections about the installed package, where `mfc` is on PATH: the hub, and pip installs.
INSTALLED = ("## Running it for a cohort", "**Installing it elsewhere")
SUBCOMMANDS = "|".join(COMMANDS)
BARE_COMMAND = re.compile(rf"^(?:[A-Z_]+=\S+ )*mfc (?:{SUBCOMMANDS})(?:\s|$)")


def code_in_readme() -> list[tuple[str, str]]:
    """Every inline code span and code-block line, with the section or paragraph it is in."""
    found, where, in_block = [], "", False
    for line in README.splitlines():
        if line.startswith("## ") or any(line.startswith(mark) for mark in INSTALLED[1:]):
            where = line
        elif not line.strip() and where.startswith("**"):
            where = ""  # the end of a bold-headed paragraph
        if line.startswith("```"):
            in_block = not in_block
            continue
        if line.startswith("#") and not in_block:
            continue  # headings name the command, they are not commands to run
        spans = [line.strip()] if in_block else re.findall(r"`([^`]+)`", line)
        found += [(span, where) for span in spans]
    return found


def test_every_command_a_clone_runs_is_written_bin_mfc():
    bare = [span for span, where in code_in_readme()
            if BARE_COMMAND.match(span) and not where.startswith(INSTALLED)]
    assert not bare, f"write these as bin/mfc ... (mfc is not on PATH in a clone): {bare}"


@pytest.mark.parametrize("command", ["bin/mfc check --json", "bin/mfc coverage --json"])
def test_readme_commands_run_as_written(command):
    assert f"`{command}`" in README
    done = subprocess.run(shlex.split(command), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)  # install messages, if any, never mix into the JSON


@pytest.fixture
def fresh_checkout(tmp_path) -> Path:
    """bin/mfc in a folder with no .venv, and a stand-in make that 'installs' a .venv/bin/mfc
    which prints its arguments and where it ran, and logs how it was called."""
    checkout = tmp_path / "clone"
    (checkout / "bin").mkdir(parents=True)
    shutil.copy2(ROOT / "bin" / "mfc", checkout / "bin" / "mfc")
    tools = tmp_path / "tools"
    tools.mkdir()
    make = tools / "make"
    make.write_text(f"""#!/bin/sh
echo "$@" >> {tmp_path}/make.log
[ -n "$MAKE_FAILS" ] && exit 2
mkdir -p {checkout}/.venv/bin
printf '#!/bin/sh\\necho "ran mfc $* in $(pwd)"\\n' > {checkout}/.venv/bin/mfc
chmod +x {checkout}/.venv/bin/mfc
""")
    make.chmod(0o755)
    return checkout


def run_wrapper(checkout: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    elsewhere = checkout.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    path = f"{checkout.parent / 'tools'}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run([str(checkout / "bin" / "mfc"), *args], cwd=elsewhere, capture_output=True, text=True,
                          env={**os.environ, "PATH": path, **env}, timeout=60)


def test_first_use_installs_then_runs_mfc_where_you_are(fresh_checkout):
    done = run_wrapper(fresh_checkout, "check", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ran mfc check --json in {fresh_checkout.parent / 'elsewhere'}"
    made = (fresh_checkout.parent / "make.log").read_text().split()
    assert made[-2:] == [str(fresh_checkout), ".venv/.installed"] and "-C" in made


def test_a_failed_install_stops_before_running_anything(fresh_checkout):
    done = run_wrapper(fresh_checkout, "check", MAKE_FAILS="1")
    assert done.returncode != 0 and "ran mfc" not in done.stdout
