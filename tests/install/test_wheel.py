"""The project as a hub installs it: a wheel, ``pip install --no-deps`` beside the locked
dependencies (deploy/README.md, TLJH step 2 and z2jh/Dockerfile), then used from a folder that is
not the checkout.

To stay fast, the fresh virtual environment does not reinstall the lock: a ``.pth`` file lets it
see this checkout's ``.venv`` site-packages (listed after its own, and without running that
folder's own ``.pth`` files, so the checkout's editable install stays out), and ``.venv/bin`` is
on PATH after the new environment's ``bin`` for the tools nbgrader calls by name (``alembic``),
and its ``share/jupyter`` on JUPYTER_PATH for the packages' data files (Voila's templates).
The project itself comes only from the wheel: the test checks ``import grading`` resolves inside
the new environment, in the shell and in a notebook kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser.servers import serve_on_free_port

ROOT = Path(__file__).resolve().parents[2]
START_PAGE = "00_start_here.ipynb"
RUN_NOTEBOOK = """
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
notebook = nbformat.read(path, as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell("import grading; print(grading.__file__)"))
client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                        resources={"metadata": {"path": str(path.parent)}})
client.execute()
print(notebook.cells[-1].outputs[0].text)
"""
pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Installed:
    venv: Path
    wheel: Path
    work: Path  # a folder outside the checkout to run commands from
    env: dict[str, str]

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def run(self, *args: str, cwd: Path | None = None) -> str:
        result = subprocess.run([str(self.bin / args[0]), *args[1:]], cwd=cwd or self.work, env=self.env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result.stdout


def _copy_sources(target: Path) -> None:
    """The files git knows (tracked, or new and not ignored), links kept as links: what a clone
    holds, without build/ left-overs or anyone's answers."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source, copy = ROOT / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the work tree, not yet in git
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, copy)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    _copy_sources(base / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(base / "dist"), str(base / "source")], check=True, capture_output=True)
    wheel = next((base / "dist").glob("missing_from_care-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    (site / "locked-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--quiet",
                    "--no-deps", "--disable-pip-version-check", str(wheel)], check=True, capture_output=True)
    work = base / "elsewhere"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "MFC_", "JUPYTER"))}
    env.update(PATH=os.pathsep.join([str(venv / "bin"), str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
               HOME=str(base / "home"), JUPYTER_CONFIG_DIR=str(base / "jupyter-config"),
               # Data files of the locked packages (Voila's templates, JupyterLab's assets), which a
               # real install keeps in the same environment's share/jupyter.
               JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"),
               JUPYTER_RUNTIME_DIR=str(base / "jupyter-runtime"))
    return Installed(venv, wheel, work, env)


def test_the_wheel_holds_the_course_and_the_assessment_source(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "course", "grading/assessment/nbgrader_course",
                              "grading/assessment/templates"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.split()
    expected = {f"course_files/{name}" for name in tracked if name.startswith("course/")}
    expected |= {name for name in tracked if not name.endswith(".gitignore") and name.startswith("grading/")}
    assert expected - names == set(), "files the commands need are missing from the wheel"
    assert not [n for n in names if n.endswith(".answers.json") or ".ipynb_checkpoints" in n]


def test_the_feedback_page_template_comes_from_the_wheel(installed):
    """nbgrader finds the trainee's feedback template in the installed package, with the course's settings."""
    script = ("from traitlets.config import Config; from grading.assessment.course import configure; "
              "from grading.assessment.feedback_page import FeedbackPage; "
              "print(FeedbackPage(config=configure(Config(), '.')).template.filename)")
    where = Path(installed.run("python", "-c", script).strip())
    assert where.name == "index.html.j2" and where.is_relative_to(installed.venv), where


def test_the_project_comes_from_the_wheel_not_the_checkout(installed):
    where = installed.run("python", "-c", "import grading, course_files; print(grading.__file__); "
                                          "print(course_files.shipped_course())").split()
    assert all(Path(path).is_relative_to(installed.venv) for path in where), where


def test_mfc_check_validates_the_installed_library(installed):
    assert "scenarios" in installed.run("mfc", "check")


def test_a_course_lead_makes_a_course_root_and_releases_the_assessment(installed):
    root, exchange = installed.work / "assessment", installed.work / "exchange"
    installed.run("mfc", "assess", "init", str(root))
    env_exchange = {**installed.env, "MFC_EXCHANGE": str(exchange)}
    result = subprocess.run([str(installed.bin / "mfc"), "assess", "release", "--course", str(root)],
                            cwd=installed.work, env=env_exchange, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (exchange / "missing-from-care" / "outbound" / "summative" / "summative.ipynb").is_file()
    assert oct(root.stat().st_mode & 0o777) == "0o700"


def test_a_trainee_gets_the_course_and_its_start_page_runs(installed):
    course = installed.work / "home" / "course"
    assert "page(s) copied" in installed.run("mfc", "course", "init", str(course))
    # The installed interpreter runs the page, so its kernel is the installed one; the last cell
    # added here says where that kernel imported the project from.
    where = installed.run("python", "-c", RUN_NOTEBOOK, str(course / START_PAGE)).strip()
    assert Path(where).is_relative_to(installed.venv), where


def test_mfc_carers_serves_the_landing_page(installed):
    title = json.loads((ROOT / "course" / "carers" / "index.ipynb").read_text())["metadata"]["title"]
    argv = [str(installed.bin / "mfc"), "carers"]
    with serve_on_free_port("carers", lambda port: [*argv, "--port", str(port)], token="", root_dir=installed.work,
                            ready_path="voila/static/", log_dir=installed.work, env=installed.env,
                            timeout=90) as server:
        with urllib.request.urlopen(server.base_url, timeout=90) as response:
            assert response.status == 200
            assert f"<title>{title}</title>" in response.read().decode()
