"""The test run's own scheduling: every hub test on one pytest-xdist worker (tests/helpers/scheduling.py)."""

from __future__ import annotations

from helpers.scheduling import HubTestsTogether


def test_hub_tests_are_one_unit_of_work_and_every_other_test_its_own():
    scope = HubTestsTogether._split_scope
    hub = ["tests/hub/test_cohort_hub.py::test_a", "tests/hub/test_workshop_hub.py::test_b",
           "tests/hub/test_deploy_files.py::test_c[z2jh/values.yaml]"]
    others = ["tests/course/test_progress.py::test_a", "tests/course/test_progress.py::test_b",
              "tests/browser/test_carers_pages.py::test_c[chromium]"]
    assert {scope(None, nodeid) for nodeid in hub} == {"hub"}
    assert [scope(None, nodeid) for nodeid in others] == others
