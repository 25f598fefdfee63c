"""``mfc carers`` refuses bad input in one line, before Voila starts."""

from __future__ import annotations

import socket

import pytest

from mfc.cli import main


def run_cli(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(["carers", *argv])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    return code, capsys.readouterr().err


@pytest.mark.parametrize(("argv", "message"), [
    (["--port", "eighty"], "port must be a number, not 'eighty'"),
    (["--port", "70000"], "port must be between 1 and 65535, not 70000"),
    (["--max-kernels", "0"], "expected 1 or more, not 0"),
    (["--max-kernels", "many"], "expected a whole number, not 'many'"),
])
def test_bad_arguments_are_named(capsys, argv, message):
    code, err = run_cli(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_a_folder_without_a_landing_page_is_refused(capsys, tmp_path):
    code, err = run_cli(capsys, "--pages", str(tmp_path))
    assert code == 2
    assert err.strip() == f"mfc carers: no index.ipynb in {tmp_path}: that is not a folder of carers' pages"


def test_a_port_in_use_is_refused(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err = run_cli(capsys, "--port", str(port))
    assert code == 2
    assert err.strip() == f"mfc carers: port {port} is already in use; choose another with --port"
