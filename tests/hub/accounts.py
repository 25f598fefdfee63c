"""Real system accounts for the cohort hub test: a course lead and trainees, each a Linux user.

The point of the hub test is that nbgrader's exchange works across accounts that cannot read each
other's files, so the test makes real users with ``useradd`` (homes under the test's own folder)
and removes them with ``userdel`` afterwards. Before an account is removed, every process it still
owns is ended by its pid: they are the single-user servers and kernels the test started.
"""

from __future__ import annotations

import pwd
import secrets
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Account:
    """A Linux user made for one test run."""

    name: str
    uid: int
    home: Path


def unique_names(*roles: str) -> list[str]:
    """One login per role, with a random stem so two runs on one machine never share a user."""
    stem = f"mfc{secrets.token_hex(3)}"
    return [f"{stem}{role}" for role in roles]


def create_account(name: str, homes: Path) -> Account:
    """A user with a private group and a home only they may enter (HOME_MODE 0700, as
    deploy/README.md asks of a hub's /etc/login.defs; Debian's default would be 0755)."""
    subprocess.run(["useradd", "--create-home", "--home-dir", str(homes / name), "--shell", "/bin/bash",
                    "--user-group", "--key", "HOME_MODE=0700", name], check=True, capture_output=True, text=True)
    entry = pwd.getpwnam(name)
    return Account(name, entry.pw_uid, Path(entry.pw_dir))


def processes_of(account: Account) -> list[psutil.Process]:
    """Every process running as ``account`` now."""
    return [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == account.uid]


def memory_mb(account: Account) -> float:
    """Resident memory of everything running as ``account`` (server and kernels), in MB."""
    total = 0
    for process in processes_of(account):
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 1e6


def end_processes(account: Account) -> None:
    """Terminate (then kill) every process running as ``account``, each by its own pid."""
    owned = processes_of(account)
    for process in owned:
        process.terminate()
    _, alive = psutil.wait_procs(owned, timeout=STOP_TIMEOUT)
    for process in alive:
        process.kill()
    psutil.wait_procs(alive, timeout=STOP_TIMEOUT)


def delete_account(account: Account) -> None:
    end_processes(account)
    subprocess.run(["userdel", account.name], check=True, capture_output=True, text=True)


@contextmanager
def accounts(names: list[str], homes: Path) -> Iterator[dict[str, Account]]:
    """Create the users, yield them by name, and always delete every one that was created."""
    made: dict[str, Account] = {}
    try:
        for name in names:
            made[name] = create_account(name, homes)
        yield made
    finally:
        for account in made.values():
            delete_account(account)
