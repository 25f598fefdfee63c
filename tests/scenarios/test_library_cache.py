"""The validated library kept on disk: found again, refreshed when a file changes, never trusted
when someone else could have written it, and never in the way when it cannot be used."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.cache_keys import assert_key_follows_the_file

from scenarios.library import LIBRARY_DIR, load_library, shipped_library_key
from scenarios.library_cache import PREFIX, STALE_AFTER_SECONDS, SUFFIX, cached

PACKAGE = LIBRARY_DIR.parent
ROOT = PACKAGE.parent


def _must_not_load():
    raise AssertionError("the cache should have answered")


@pytest.fixture
def folder(tmp_path) -> Path:
    path = tmp_path / "cache"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """The scenarios package's code and YAML, copied where a test may edit them."""
    copy = tmp_path / "scenarios"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_second_load_comes_from_the_cache_and_equals_the_validated_library(folder):
    validated = load_library()
    first = cached("k", load_library, folder)
    again = cached("k", _must_not_load, folder)
    assert first == validated and again == validated
    assert again.files == validated.files  # not compared by ==, but error messages name these files
    assert (folder / f"{PREFIX}k{SUFFIX}").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("edit", ["library/cases/kim.yaml", "library/ledgers/kim.yaml", "library/guidance.yaml",
                                  "models.py", "library.py"])
def test_the_key_changes_when_any_yaml_file_or_the_checking_code_changes(package_copy, edit):
    assert_key_follows_the_file(lambda: shipped_library_key(package_copy), package_copy / edit)


def test_the_key_changes_when_a_case_is_added_or_renamed(package_copy):
    before = shipped_library_key(package_copy)
    cases = package_copy / "library" / "cases"
    (cases / "kim.yaml").rename(cases / "kim-renamed.yaml")
    renamed = shipped_library_key(package_copy)
    shutil.copy(cases / "kim-renamed.yaml", cases / "kim.yaml")
    assert len({before, renamed, shipped_library_key(package_copy)}) == 3


def test_the_key_depends_on_where_the_library_is(package_copy):
    assert shipped_library_key(package_copy) != shipped_library_key(PACKAGE)  # same bytes, elsewhere


@pytest.mark.parametrize("mode", [0o770, 0o755], ids=["group-writable", "readable-by-others"])
def test_a_folder_others_can_write_or_read_is_not_trusted(folder, mode):
    cached("k", lambda: "stored", folder)
    folder.chmod(mode)
    assert cached("k", lambda: "loaded afresh", folder) == "loaded afresh"


def test_a_file_others_can_write_is_not_trusted(folder):
    cached("k", lambda: "stored", folder)
    (folder / f"{PREFIX}k{SUFFIX}").chmod(0o666)
    assert cached("k", lambda: "loaded afresh", folder) == "loaded afresh"


def test_a_damaged_file_is_replaced(folder):
    (folder / f"{PREFIX}k{SUFFIX}").write_bytes(b"not a pickle")
    (folder / f"{PREFIX}k{SUFFIX}").chmod(0o600)
    assert cached("k", lambda: "loaded afresh", folder) == "loaded afresh"
    assert pickle.loads((folder / f"{PREFIX}k{SUFFIX}").read_bytes()) == "loaded afresh"


def test_a_cache_that_cannot_be_written_still_gives_the_library(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    assert cached("k", lambda: "loaded", blocked / "cache") == "loaded"
    assert cached("k", lambda: "loaded again", blocked / "cache") == "loaded again"


def test_the_folder_is_made_private(tmp_path):
    cached("k", lambda: "stored", tmp_path / "new" / "cache")
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700


def test_other_keys_files_are_removed_only_once_a_month_old(folder):
    old, recent = folder / f"{PREFIX}old{SUFFIX}", folder / f"{PREFIX}recent{SUFFIX}"
    for path in (old, recent):
        path.write_bytes(pickle.dumps("other"))
    month_ago = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(old, (month_ago, month_ago))
    cached("new", lambda: "stored", folder)
    assert not old.exists() and recent.exists()


def test_an_autograded_cell_served_from_the_cache_imports_neither_yaml_nor_the_library_models(tmp_path):
    """What makes autograding cheap: the kernel's graded cells mark from the cached marking sheet,
    so neither the YAML parser and the ledger checks, which only loading from YAML needs, nor the
    library's pydantic models are imported. The first run builds the sheet from the library."""
    script = (
        "import sys\n"
        "from grading.assessment import grade, player\n"
        "player('turning-18')\n"
        "print(grade('turning-18', 'turning-18-gone-risk'))\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'scenarios.loader', 'scenarios.ledger') if m in sys.modules))\n"
    )
    env = {**os.environ, "NBGRADER_EXECUTION": "autograde", "MFC_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(ROOT)}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120, check=True)
        assert "Score:" in done.stdout and not done.stderr, (done.stdout, done.stderr)
        return done.stdout.splitlines()[-1]

    assert run() == "['pydantic', 'scenarios.ledger', 'scenarios.loader', 'yaml']"  # first: validated and stored
    assert run() == "[]"  # then: from the cache
