"""Pseudonyms for trainees in cohort reports: a keyed hash of each id.

Why a keyed hash (HMAC-SHA256) and not a plain hash or a numbering: trainee ids are names or
usernames, which anyone could hash and compare, so a plain hash hides nothing; a numbering
changes as trainees join or leave. With a secret key, the same key gives the same pseudonym every
time, so a trainer can follow a pseudonymous trainee from one week's report to the next, while
nobody without the key can tell who is who.

Where the key comes from, in order:

1. ``--key-file PATH`` (created there if it does not exist yet);
2. ``$MFC_PSEUDONYM_KEY``;
3. ``.mfc-pseudonym-key`` in the cohort folder's parent, created once on first use. The parent,
   not the cohort folder itself, so the key is not handed on with the answers, and cohort folders
   side by side (``week-1/``, ``week-2/``) share one key.

A key file holds 64 random hex characters from :mod:`secrets`, readable by its owner only. It
must never be committed (``.gitignore`` lists its name).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

KEY_ENV = "MFC_PSEUDONYM_KEY"
KEY_FILE_NAME = ".mfc-pseudonym-key"
MIN_KEY_LENGTH = 32  # characters; a short key could be found by trying keys against known names
PREFIX = "trainee-"
DIGITS = 12  # hex digits kept: 48 bits, so two of 10,000 trainees share one with odds of 1 in 5 million


class PseudonymError(ValueError):
    """The key cannot be found, read, created or trusted; the message says which and where."""


def _checked(key: str, where: str) -> bytes:
    key = key.strip()
    if len(key) < MIN_KEY_LENGTH:
        raise PseudonymError(f"{where}: a pseudonym key needs at least {MIN_KEY_LENGTH} characters; got {len(key)} "
                             "(make one with: python -c 'import secrets; print(secrets.token_hex(32))')")
    return key.encode("utf-8")


def _create_key_file(path: Path) -> None:
    """Write a new random key, readable by its owner only; never replace an existing one."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another run created it a moment ago: use that one
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(secrets.token_hex(32) + "\n")


def load_key(cohort_dir: Path, key_file: Path | None = None) -> tuple[bytes, Path | None, bool]:
    """The pseudonym key, the file it came from (None for the environment) and whether that
    file was created just now (so the caller can tell the course lead to keep it)."""
    if key_file is None and os.environ.get(KEY_ENV):
        return _checked(os.environ[KEY_ENV], f"${KEY_ENV}"), None, False
    path = key_file or Path(cohort_dir).resolve().parent / KEY_FILE_NAME
    created = not path.exists()
    try:
        if created:
            _create_key_file(path)
        return _checked(path.read_text(encoding="utf-8"), str(path)), path, created
    except (OSError, UnicodeDecodeError) as exc:
        raise PseudonymError(f"{path}: cannot read or create the pseudonym key ({exc})") from None


def pseudonym(key: bytes, trainee: str) -> str:
    """The trainee's pseudonym under this key, e.g. 'trainee-3f9c0a1b2d4e'."""
    digest = hmac.new(key, trainee.encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:DIGITS]


def pseudonyms(key: bytes, trainees: Iterable[str]) -> dict[str, str]:
    """Each distinct trainee id and its pseudonym. Two ids sharing one pseudonym would merge two
    people's marks, so that (however unlikely) is an error rather than a silent mix."""
    mapping = {trainee: pseudonym(key, trainee) for trainee in set(trainees)}
    if len(set(mapping.values())) < len(mapping):
        raise PseudonymError("two trainee ids have the same pseudonym under this key; use a new key")
    return mapping
