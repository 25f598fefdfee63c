"""The hub test's helpers change the machine (users, an ACL on a folder), so check that each
change does what it should and is undone afterwards."""

from __future__ import annotations

import os
import pwd
import stat
import subprocess

import pytest
from browser.machine import missing

from .accounts import accounts, unique_names
from .traverse import ACL_XATTR, closed_folders, search_granted


@pytest.fixture(autouse=True)
def needs_root():
    if os.geteuid() != 0:
        missing("root", "these helpers create users and set ACLs; run as root")


def test_search_granted_lets_only_the_named_user_through_and_is_undone(tmp_path):
    closed = tmp_path / "closed"
    (closed / "inner").mkdir(parents=True)
    closed.chmod(0o700)
    nobody = pwd.getpwnam("nobody").pw_uid

    def nobody_can_reach_inner() -> bool:
        return subprocess.run(["stat", str(closed / "inner")], user=nobody, capture_output=True).returncode == 0

    folders = closed_folders(closed / "inner")  # pytest's own folders above tmp_path are closed too
    modes = {folder: stat.S_IMODE(folder.stat().st_mode) for folder in folders}
    assert folders[-1] == closed
    assert not nobody_can_reach_inner()
    with search_granted(folders, [nobody]):
        assert nobody_can_reach_inner()
        assert subprocess.run(["ls", str(closed)], user=nobody, capture_output=True).returncode != 0, "search only"
    assert not nobody_can_reach_inner()
    assert {folder: stat.S_IMODE(folder.stat().st_mode) for folder in folders} == modes
    for folder in folders:
        with pytest.raises(OSError):
            os.getxattr(folder, ACL_XATTR)


def test_accounts_are_deleted_with_every_process_they_ran(tmp_path):
    with accounts(unique_names("probe"), tmp_path) as made:
        (account,) = made.values()
        sleeper = subprocess.Popen(["sleep", "600"], user=account.uid, cwd="/")
        assert pwd.getpwnam(account.name).pw_dir == str(account.home)
    assert sleeper.wait(timeout=5) is not None, "the account's process was ended"
    with pytest.raises(KeyError):
        pwd.getpwnam(account.name)
