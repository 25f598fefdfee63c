"""Argument types shared by subcommands, so every command words the same mistake the same way."""

from __future__ import annotations

import argparse
from pathlib import Path

from mfc.errors import UsageError


class MissingInput(UsageError):
    """A file or folder named on the command line that is not there.

    Raised while the arguments are parsed (argparse lets any error but a ValueError or TypeError
    through), so :func:`mfc.cli.main` prints it as one line and exits 2 before a command starts,
    the same for every command.
    """


def positive_int(text: str) -> int:
    """A whole number of 1 or more (processes, kernels): argparse turns the error into one line."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return value


def port_number(text: str) -> int:
    """A TCP port to listen on, 1 to 65535 (the servers: carers, course, workshop)."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"port must be a number, not {text!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {port}")
    return port


def existing_file(text: str) -> Path:
    """A file the command reads: refused now, in one line, if it is not there."""
    return _existing(text, "file")


def existing_folder(text: str) -> Path:
    """A folder the command reads: refused now, in one line, if it is not there."""
    return _existing(text, "folder")


def _existing(text: str, kind: str) -> Path:
    path = Path(text)
    if path.is_file() if kind == "file" else path.is_dir():
        return path
    if path.exists():
        raise MissingInput(f"{text} is a {'folder' if kind == 'file' else 'file'}, not a {kind}")
    raise MissingInput(f"{text}: no such {kind}")
