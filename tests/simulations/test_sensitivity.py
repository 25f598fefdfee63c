"""Which delay matters most: SALib indices over the model, run serially and on real Dask clusters.

The clusters are Dask LocalClusters with in-process workers (``processes=False``): they start in
a fraction of a second, and the work still goes through Dask's scheduler to separate workers
(the tests check both workers ran some), which is what could change the results. Worker
processes would add start-up time without testing anything more about the ordering.
"""

from __future__ import annotations

import json
import logging

import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster, get_task_stream

from mfc.cli import main
from simulations import cluster
from simulations.errors import ParameterError
from simulations.sensitivity import DEFAULT_FACTORS, FACTORS, OUTCOMES, run_sensitivity

SMALL = {"names": ("carer_checks_h", "p_graded_high", "rhi_arrange_mean_h"), "samples": 8, "reps": 20, "seed": 3}


@pytest.fixture(scope="module")
def clusters():
    """A one-worker and a two-worker local cluster, shared by the tests of this module."""
    started = [LocalCluster(n_workers=n, threads_per_worker=1, processes=False, dashboard_address=":0",
                            silence_logs=logging.ERROR) for n in (1, 2)]
    yield started
    for c in started:
        c.close()


@pytest.fixture(scope="module")
def serial():
    return run_sensitivity("sobol", "practice-2016", **SMALL)


def same(a, b) -> None:
    assert a.names == b.names and a.episodes == b.episodes
    for outcome in OUTCOMES:
        pd.testing.assert_frame_equal(a.tables[outcome], b.tables[outcome], check_exact=True)


def test_the_same_indices_on_one_and_two_workers_as_serially(clusters, serial):
    for local in clusters:
        with Client(local) as client, get_task_stream(client) as stream:
            on_dask = run_sensitivity("sobol", "practice-2016", **SMALL, client=client)
        assert len({task["worker"] for task in stream.data}) == len(local.workers)  # every worker did some
        same(on_dask, serial)


def test_a_delay_after_finding_cannot_change_whether_a_child_is_found(serial):
    never, interview = serial.tables["never_located"], serial.tables["rhi_within_72h"]
    assert never.loc["rhi_arrange_mean_h", "ST"] == 0 and never.loc["rhi_arrange_mean_h", "S1"] == 0
    assert interview.loc["rhi_arrange_mean_h", "ST"] > 0.2
    assert serial.ranked("rhi_within_72h").index[0] == "rhi_arrange_mean_h"
    assert (serial.tables["located_7d"]["ST_conf"] >= 0).all()


def test_morris_screening_ranks_by_mean_absolute_effect():
    result = run_sensitivity("morris", "practice-2016", SMALL["names"], samples=4, reps=20, seed=3)
    table = result.tables["rhi_within_72h"]
    assert list(table.columns) == ["mu_star", "mu_star_conf", "sigma", "mu"]
    assert result.ranked("rhi_within_72h").index[0] == "rhi_arrange_mean_h"
    assert result.tables["never_located"].loc["rhi_arrange_mean_h", "mu_star"] == 0
    assert result.episodes == 4 * (3 + 1) * 20


def test_every_factor_has_a_range_plain_words_and_guidance():
    assert set(DEFAULT_FACTORS) == set(FACTORS)
    for factor in FACTORS.values():
        assert factor.low < factor.high and factor.plain and factor.guidance and factor.range_reason


def test_cli_json_on_a_running_scheduler(clusters, capsys):
    address = clusters[1].scheduler_address
    args = ["simulate", "--sensitivity", "--params", ",".join(SMALL["names"]), "--samples", "8", "--reps", "20",
            "--seed", "3", "--scheduler", address, "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"method", "samples", "reps", "episodes", "seconds", "outcomes", "ranking", "note"} <= set(data)
    assert (data["method"], data["samples"], data["reps"], data["episodes"]) == ("sobol", 8, 20, 8 * 5 * 20)
    assert set(data["outcomes"]) == set(OUTCOMES)
    for per_parameter in data["outcomes"].values():
        assert set(per_parameter) == set(SMALL["names"])
        assert all(set(v) == {"S1", "S1_conf", "ST", "ST_conf"} for v in per_parameter.values())
    assert data["ranking"]["rhi_within_72h"][0] == "rhi_arrange_mean_h"


def test_cli_csv_and_text(clusters, tmp_path, capsys):
    path = tmp_path / "indices.csv"
    base = ["simulate", "--sensitivity", "--morris", "--params", "carer_checks_h,p_graded_high", "--samples", "4",
            "--reps", "4", "--scheduler", clusters[0].scheduler_address]
    assert main([*base, "--csv", str(path)]) == 0
    table = pd.read_csv(path)
    assert list(table.columns) == ["outcome", "parameter", "mu_star", "mu_star_conf", "sigma", "mu"]
    assert len(table) == 2 * len(OUTCOMES)
    capsys.readouterr()
    assert main(base) == 0
    out = capsys.readouterr().out
    assert "teaching model" in out.lower() and FACTORS["carer_checks_h"].plain in out


@pytest.mark.parametrize(("args", "message"), [
    (["--params", "phone_delay"], "unknown parameter 'phone_delay' (did you mean 'phone_delay_h'?)"),
    (["--params", "horizon_h,phone_delay_h"], "parameter 'horizon_h' has no documented range"),
    (["--params", "phone_delay_h"], "Sobol indices need at least two parameters"),
    (["--samples", "48"], "samples must be a power of two for Sobol indices (e.g. 64), got 48"),
    (["--reps", "0"], "reps must be a whole number of at least 1"),
    (["--preset", "kimm"], "unknown preset 'kimm'"),
    (["--set", "carer_checks_h=2"], "--sensitivity cannot be combined with --set"),
    (["--scheduler", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"),
])
def test_bad_input_is_one_line_and_exit_2(args, message, capsys, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    assert main(["simulate", "--sensitivity", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mfc simulate: ") and message in err[0]


def test_analysis_options_need_sensitivity(capsys):
    assert main(["simulate", "--morris"]) == 2
    assert capsys.readouterr().err.strip() == "mfc simulate: --morris needs --sensitivity"


def test_a_bad_worker_count_is_refused():
    with pytest.raises(ParameterError, match="workers must be"), cluster.dask_client(workers=-1):
        pass
