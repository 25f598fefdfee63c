"""Let the test's users reach the Python that runs their servers, and nothing more.

On this machine (and in CI) the venv's interpreter links to a pyenv build under /root, which only
root may enter, so a server started as a trainee could not even exec Python. On a real hub the
course environment lives in /opt and this does not arise. For the length of the test, each
folder on the way to the interpreter that others may not pass through gets a POSIX ACL entry
giving exactly the test's users "search" (x: pass through, not list or read); the folder's own
ACL and mode are put back afterwards. Written with os.setxattr, so no `acl` package is needed.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

ACL_XATTR = "system.posix_acl_access"
ACL_VERSION = 2
USER_OBJ, USER, GROUP_OBJ, MASK, OTHER = 0x01, 0x02, 0x04, 0x10, 0x20
UNDEFINED_ID = 0xFFFFFFFF
SEARCH = 0o1


def closed_folders(target: Path) -> list[Path]:
    """The folders from / down to ``target`` (itself too, if a folder) that users other than
    their owner cannot pass through."""
    path = [*reversed(target.parents), *([target] if target.is_dir() else [])]
    return [folder for folder in path if not folder.stat().st_mode & stat.S_IXOTH]


def folders_to_open(*extra: Path) -> list[Path]:
    """Closed folders on the way to the real Python binary, its standard library, the venv and
    ``extra`` (this checkout, which the venv imports the course from)."""
    targets = [Path(os.path.realpath(sys.executable)), Path(sys.base_prefix) / "lib", Path(sys.prefix), *extra]
    return sorted({folder for target in targets for folder in closed_folders(Path(target))})


def search_acl(mode: int, uids: Iterable[int]) -> bytes:
    """A POSIX access ACL that keeps ``mode``'s owner, group and other bits and adds search for ``uids``."""
    group = (mode >> 3) & 0o7
    entries = [(USER_OBJ, (mode >> 6) & 0o7, UNDEFINED_ID)]
    entries += [(USER, SEARCH, uid) for uid in sorted(uids)]
    entries += [(GROUP_OBJ, group, UNDEFINED_ID), (MASK, group | SEARCH, UNDEFINED_ID),
                (OTHER, mode & 0o7, UNDEFINED_ID)]
    return struct.pack("<I", ACL_VERSION) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


def _existing_acl(folder: Path) -> bytes | None:
    try:
        return os.getxattr(folder, ACL_XATTR)
    except OSError as error:
        if error.errno == errno.ENODATA:
            return None
        raise


@contextmanager
def search_granted(folders: list[Path], uids: Iterable[int]) -> Iterator[None]:
    """Give ``uids`` search permission on ``folders`` for the block; restore ACL and mode after."""
    uids = list(uids)
    saved: list[tuple[Path, int]] = []
    try:
        for folder in folders:
            if _existing_acl(folder) is not None:
                raise RuntimeError(f"{folder} already has an access ACL; not changing it")
            mode = stat.S_IMODE(folder.stat().st_mode)
            saved.append((folder, mode))
            os.setxattr(folder, ACL_XATTR, search_acl(mode, uids))
        yield
    finally:
        for folder, mode in reversed(saved):
            try:
                os.removexattr(folder, ACL_XATTR)
            except OSError as error:
                if error.errno != errno.ENODATA:
                    raise
            folder.chmod(mode)
