"""Pseudonyms: a keyed hash that is stable for one key, different under another, and a key that is
found, made once, kept private and refused when too weak."""

from __future__ import annotations

import stat

import pytest

from grading.cohort import pseudonyms as pseudonym_module
from grading.cohort.pseudonyms import KEY_ENV, KEY_FILE_NAME, PseudonymError, load_key, pseudonym, pseudonyms

KEY = b"k" * 40


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)


def test_pseudonym_is_hmac_sha256_of_the_id():
    # RFC 4231, test case 2: HMAC-SHA256 with key "Jefe" of "what do ya want for nothing?"
    assert pseudonym(b"Jefe", "what do ya want for nothing?") == "trainee-5bdcc146bf60"


def test_same_key_same_pseudonym_other_key_other_pseudonym():
    assert pseudonym(KEY, "alice") == pseudonym(KEY, "alice")
    assert pseudonym(KEY, "alice") != pseudonym(KEY, "bob")
    assert pseudonym(KEY, "alice") != pseudonym(b"j" * 40, "alice")
    assert "alice" not in pseudonym(KEY, "alice")


def test_pseudonyms_maps_each_distinct_id_once():
    mapping = pseudonyms(KEY, ["alice", "bob", "alice"])
    assert mapping == {"alice": pseudonym(KEY, "alice"), "bob": pseudonym(KEY, "bob")}


def test_two_ids_with_one_pseudonym_are_an_error_not_a_merge(monkeypatch):
    monkeypatch.setattr(pseudonym_module, "DIGITS", 1)  # 16 pseudonyms for 40 ids: a clash is certain
    with pytest.raises(PseudonymError, match="same pseudonym"):
        pseudonyms(KEY, [f"trainee{n}" for n in range(40)])


def test_key_file_is_made_once_beside_the_cohort_folder_and_private(tmp_path):
    cohort = tmp_path / "week-1"
    cohort.mkdir()
    key, path, created = load_key(cohort)
    assert path == tmp_path / KEY_FILE_NAME and created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text().strip()
    assert len(text) == 64 and int(text, 16) >= 0
    again, _, created_again = load_key(tmp_path / "week-2")  # a sibling cohort shares the key
    assert again == key and not created_again


def test_environment_key_is_used_when_no_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "e" * 40)
    key, path, created = load_key(tmp_path / "cohort")
    assert key == b"e" * 40 and path is None and not created
    assert not (tmp_path / KEY_FILE_NAME).exists()


def test_a_named_key_file_wins_over_the_environment_and_is_made_if_missing(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "e" * 40)
    named = tmp_path / "keys" / "course.key"
    named.parent.mkdir()
    key, path, created = load_key(tmp_path / "cohort", named)
    assert path == named and created and key != b"e" * 40
    named.write_text("n" * 50 + "\n")
    assert load_key(tmp_path / "cohort", named) == (b"n" * 50, named, False)


@pytest.mark.parametrize("weak", ["short", "x" * 31, " " * 40])
def test_a_weak_environment_key_is_refused(tmp_path, monkeypatch, weak):
    monkeypatch.setenv(KEY_ENV, weak)
    with pytest.raises(PseudonymError, match=rf"\${KEY_ENV}: a pseudonym key needs at least 32 characters"):
        load_key(tmp_path / "c")


def test_an_empty_environment_key_counts_as_unset(tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "")
    assert load_key(tmp_path / "c")[1:] == (tmp_path / KEY_FILE_NAME, True)


def test_a_weak_or_unreadable_key_file_is_refused(tmp_path):
    short = tmp_path / "short.key"
    short.write_text("abc\n")
    with pytest.raises(PseudonymError, match="short.key: a pseudonym key needs at least 32"):
        load_key(tmp_path, short)
    folder = tmp_path / "a-folder.key"
    folder.mkdir()
    with pytest.raises(PseudonymError, match="a-folder.key: cannot read or create the pseudonym key"):
        load_key(tmp_path, folder)
    with pytest.raises(PseudonymError, match="cannot read or create"):
        load_key(tmp_path, tmp_path / "no-such-folder" / "x.key")
