"""How long browser tests wait for their servers before a page can open.

JupyterLab and Voila are each started a few times the way the browser fixtures start them, and
their median time to answer HTTP is printed as a ratio to a baseline measured in the same run:
a Python process that only imports jupyter_server, the floor any Jupyter server pays on this machine.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from browser.servers import running_jupyter_lab, running_voila

ROUNDS = 3
START_PAGE = Path(__file__).resolve().parents[2] / "course" / "00_start_here.ipynb"


def import_floor() -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", "import jupyter_server.serverapp"], check=True)
    return time.monotonic() - started


def ready_time(start, target: Path) -> float:
    with start(target) as server:
        return server.ready_seconds


def test_server_ready_times(tmp_path):
    rounds = {"import jupyter_server (baseline)": [], "JupyterLab ready": [], "Voila ready": []}
    for _ in range(ROUNDS):  # interleaved, so a busy moment on the machine hits every kind alike
        rounds["import jupyter_server (baseline)"].append(import_floor())
        rounds["JupyterLab ready"].append(ready_time(running_jupyter_lab, tmp_path))
        rounds["Voila ready"].append(ready_time(running_voila, START_PAGE))
    medians = {name: statistics.median(times) for name, times in rounds.items()}
    baseline = medians["import jupyter_server (baseline)"]
    print(f"\nserver start-up, median of {ROUNDS} interleaved rounds:")
    for name, median in medians.items():
        print(f"  {name:34} {median:6.2f} s  x{median / baseline:4.1f} baseline")
