"""``mfc workshop``: the demo's JSON contract, and one clear line for a database it cannot use."""

from __future__ import annotations

import json

from mfc.cli import main


def test_demo_prints_its_contract_and_loses_nothing(capsys):
    assert main(["workshop", "demo", "--trainees", "5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"trainees", "answers_sent", "answers_stored", "lost", "p50_ms", "p95_ms"}
    assert result["trainees"] == 5 and result["lost"] == 0
    assert result["answers_sent"] == result["answers_stored"] == 5 * 7  # Kim asks seven questions
    assert 0 < result["p50_ms"] <= result["p95_ms"]


def test_demo_against_a_running_server(service, capsys):
    assert main(["workshop", "demo", "--trainees", "2", "--url", service]) == 0
    assert "lost 0" in capsys.readouterr().out


def test_a_database_it_cannot_use_is_one_line(tmp_path, capsys):
    for url, words in [("mysql://nobody@127.0.0.1/x", "SQLite or PostgreSQL"),
                       (f"sqlite:///{tmp_path}/no/such/folder/x.sqlite", "cannot open the database"),
                       ("not a url", "cannot use the database")]:
        assert main(["workshop", "serve", "--db", url, "--port", "8999"]) == 2
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
