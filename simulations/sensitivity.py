"""Which delay matters most? Global sensitivity of the model's outcomes to its delay and record
parameters, with SALib doing the sampling and the indices, and Dask running the episodes.

Each parameter analysed is a *factor* with a range: from what the guidance asks for today to
beyond what *Heading back to harm* found, each range with the guidance that sets that delay or
record. Two methods:

- **Sobol** (variance-based): for each outcome, the first-order index ``S1`` (the share of the
  outcome's variance that the factor explains alone) and the total index ``ST`` (alone and
  together with the others), each with a bootstrap 95% interval (``S1_conf``, ``ST_conf``: half
  widths). ``samples`` (N, a power of two) gives N x (factors + 2) parameter sets.
- **Morris** (elementary effects) for a cheap first look: ``mu_star`` (mean absolute effect of
  moving the factor across its range), its 95% interval half width ``mu_star_conf``, and
  ``sigma`` (how much the effect depends on the other factors). ``samples`` trajectories give
  samples x (factors + 1) parameter sets.

Every parameter set runs ``reps`` replications on the same seed (common random numbers), so the
differences between sets come from the parameters, not from different children. The result is
the same whatever runs it: serially here, or on any number of Dask workers.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from simulations.errors import ParameterError
from simulations.parameters import PARAMETER_NAMES, unknown_name_message
from simulations.presets import preset, preset_params
from simulations.runner import run_replications

GP, WF, NSPCC, HO = "GP2024 §", "WF2026 §", "NSPCC-CTAC §", "HO2025 §"
TEACHING_NOTE = ("A teaching model: these rankings show which delays matter most in the model, whose rates are "
                 "assumptions tuned to match Heading back to harm; they do not measure any real service.")


@dataclass(frozen=True)
class Factor:
    """A parameter the analysis varies, over ``low`` to ``high`` (its unit is the parameter's)."""

    name: str
    low: float
    high: float
    plain: str  # what it is, as a trainer would say it
    guidance: tuple[str, ...]  # the guidance that sets this delay or record
    range_reason: str  # why the range is what it is


FACTORS = {f.name: f for f in (
    Factor("carer_checks_h", 0, 24, "How long the carer checks before calling the police",
           (f"{WF}Reasonable Carer Actions", f"{WF}Joint Responsibility"),
           "from calling at once to a day; the guidance sets a two-hour review, the study found overnight waits"),
    Factor("reclassify_delay_h", 0, 504, "How long a child stays recorded as 'absent' before being treated as "
           "missing", ("HBTH2016 §Recommendation 5: Risk assessment", f"{WF}Risk Assessment"),
           "from never 'absent' (the report's recommendation) to the three weeks of Kim's case"),
    Factor("photo_delay_h", 0, 168, "How long the photo takes to reach the police",
           (f"{NSPCC}Identification records", f"{GP}Preparing for an effective missing investigation"),
           "from kept with the report to a week"),
    Factor("phone_delay_h", 0, 336, "How long the child's phone numbers take to reach the police",
           (f"{NSPCC}Phones and social media", f"{GP}The missing investigation"),
           "from shared with the report to two weeks (Kim's phone never reached them)"),
    Factor("social_media_delay_h", 0, 336, "How long social media details take to reach the police",
           (f"{NSPCC}Phones and social media",), "from shared with the report to two weeks"),
    Factor("contacts_delay_h", 0, 168, "How long known contacts and places take to reach the police",
           (f"{GP}The missing investigation",), "from shared with the report to a week"),
    Factor("family_ask_delay_h", 0, 336, "How long before someone asks the child's family",
           (f"{GP}The missing investigation",), "from at once to two weeks (in the guidance's example, never)"),
    Factor("strategy_meeting_h", 0, 336, "How long until the strategy meeting",
           (f"{WF}Strategy Meetings", f"{NSPCC}Strategy discussion"), "from at once to two weeks"),
    Factor("cross_force_delay_h", 0, 168, "How long another police force takes to act on a request",
           (f"{GP}The missing investigation",), "from at once to a week"),
    Factor("ho_referral_delay_h", 0, 336, "How long before the Home Office is told",
           (f"{HO}Local authority and health responsibilities", f"{WF}Children Subject to Immigration Restriction"),
           "from at once to two weeks"),
    Factor("found_notify_mean_h", 0, 72, "How long before the child's authority hears they were found (same area)",
           (f"{WF}Found by the Police or Local Authority", f"{GP}The missing investigation"),
           "from at once to three days on average"),
    Factor("found_notify_other_force_mean_h", 0, 1008, "How long before the child's authority hears they were "
           "found (another area)", (f"{GP}The missing investigation",),
           "from at once to six weeks on average; forces described weeks or months"),
    Factor("rhi_arrange_mean_h", 0, 120, "How long the return home interview takes to arrange",
           (f"{WF}Return Home Interviews",), "from at once to five days on average; the limit is 72 hours"),
    Factor("photo_on_file", 0, 1, "Share of children with a photo on file",
           (f"{NSPCC}Identification records",), "from none to all"),
    Factor("phone_on_file", 0, 1, "Share of children whose phone numbers are known",
           (f"{NSPCC}Phones and social media",), "from none to all"),
    Factor("philomena_on_file", 0, 1, "Share of children with a Philomena Protocol form",
           (f"{WF}Philomena Protocol",), "from none (2016) to all (the protocol's aim)"),
    Factor("p_graded_high", 0, 1, "Share of reports graded high risk",
           ("HBTH2016 §Recommendation 5: Risk assessment", f"{WF}High Risk"), "from none to all"),
    # After the first episode (repeats.py): the agencies' own delays and record-keeping. How often a child
    # goes again, how long later episodes last and how much an interview or a meeting helps describe the
    # child and the help, not a delay or a record, so they are left out.
    Factor("review_window_h", 720, 4320, "How far back repeat episodes are counted for a missing meeting",
           (f"{WF}Stage One Missing Meetings", f"{WF}Stage Two Missing Meetings"),
           "from 30 days to 180 days; the guidance counts episodes in a rolling 90 days"),
    Factor("p_nrm_referred", 0, 1, "Share of children referred as possible victims of trafficking",
           ("HBTH2016 §3.3 Identification and age assessment", f"{HO}National Referral Mechanism"),
           "from none (Kim and Kojo were not referred) to all"),
    Factor("nrm_referral_delay_h", 0, 672, "How long before a trafficking referral is made",
           (f"{HO}National Referral Mechanism", "HBTH2016 §3.3 Identification and age assessment"),
           "from at the report to four weeks"),
    Factor("nrm_decision_h", 120, 2160, "How long the first decision on a trafficking referral takes",
           (f"{HO}National Referral Mechanism", "HBTH2016 §Case study: Bao"),
           "from the recommended five days to the three months Bao's decision took"),
)}
DEFAULT_FACTORS = tuple(FACTORS)
OUTCOMES = {  # outcome -> in plain words
    "never_located": "not located within a year",
    "located_7d": "located within 7 days",
    "rhi_within_72h": "return home interview within 72 hours of being found",
    "episodes": "times missing in the year after first going missing",
    "nrm_decision_stayed": "trafficking decision put on hold because the child was missing",
}
METHODS = ("sobol", "morris")
# The result the course shows, computed once (a page must not wait minutes) by the command below.
SHIPPED = Path(__file__).with_name("sensitivity.json")
SHIPPED_COMMAND = "mfc simulate --sensitivity --samples 128 --reps 50 --json > simulations/sensitivity.json"
SAMPLES_PER_TASK = 8  # parameter sets per piece of Dask work


def outcomes_of(frame: pd.DataFrame) -> list[float]:
    """The analysed outcomes of one parameter set's replications, in ``OUTCOMES`` order. The
    interview share is of the children located (0 when none is, as no child had one); the share of
    decisions on hold is of all children, so that referring fewer children counts too."""
    interviews = frame["rhi_within_72h"].dropna()
    return [float(frame["never_located"].mean()), float(frame["located_7d"].mean()),
            float(interviews.mean()) if len(interviews) else 0.0, float(frame["episodes"].mean()),
            float(frame["nrm_decision_stayed"].fillna(False).mean())]


def evaluate(rows: np.ndarray, preset_name: str, names: tuple[str, ...], reps: int, seed: int) -> np.ndarray:
    """The outcomes (one row per parameter set) of the preset with ``names`` set to each row's values."""
    base = preset_params(preset_name)
    return np.array([outcomes_of(run_replications(base.replace(**dict(zip(names, map(float, row), strict=True))),
                                                  reps, seed)) for row in rows])


def check_factors(names: tuple[str, ...]) -> tuple[str, ...]:
    if not names:
        raise ParameterError("--params needs at least one parameter name")
    for name in names:
        if name not in PARAMETER_NAMES:
            raise ParameterError(unknown_name_message(name))
        if name not in FACTORS:
            raise ParameterError(f"parameter {name!r} has no documented range for the analysis; "
                                 f"analysable: {', '.join(DEFAULT_FACTORS)}")
    if len(set(names)) != len(names):
        raise ParameterError("--params names a parameter twice")
    return names


def check_request(method: str, preset_name: str, names: tuple[str, ...], samples: int, reps: int,
                  seed: int) -> None:
    """Refuse what SALib or the model would fail on later, with one line that says why."""
    if method not in METHODS:
        raise ParameterError(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    preset(preset_name)
    check_factors(names)
    if method == "sobol" and len(names) < 2:
        raise ParameterError("Sobol indices need at least two parameters")
    for label, value, least in (("samples", samples, 2), ("reps", reps, 1), ("seed", seed, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ParameterError(f"{label} must be a whole number of at least {least}, got {value!r}")
    if method == "sobol" and samples & (samples - 1):
        raise ParameterError(f"samples must be a power of two for Sobol indices (e.g. 64), got {samples}")


def salib_problem(names: tuple[str, ...]) -> dict:
    return {"num_vars": len(names), "names": list(names),
            "bounds": [[FACTORS[name].low, FACTORS[name].high] for name in names]}


def parameter_sets(method: str, names: tuple[str, ...], samples: int, seed: int) -> np.ndarray:
    from SALib.sample import morris, sobol

    problem = salib_problem(names)
    if method == "sobol":
        return sobol.sample(problem, samples, calc_second_order=False, seed=seed)
    return morris.sample(problem, samples, num_levels=4, seed=seed)


def indices(method: str, names: tuple[str, ...], sets: np.ndarray, outputs: np.ndarray, seed: int) -> dict:
    """Per outcome, a table indexed by parameter (Sobol: S1, S1_conf, ST, ST_conf; Morris:
    mu_star, mu_star_conf, sigma, mu)."""
    from SALib.analyze import morris, sobol

    problem, tables = salib_problem(names), {}
    for column, outcome in enumerate(OUTCOMES):
        y = outputs[:, column]
        if method == "sobol" and np.ptp(y) == 0:  # the outcome never changed: no parameter explains anything
            found = dict.fromkeys(("S1", "S1_conf", "ST", "ST_conf"), np.zeros(len(names)))
            keys = tuple(found)
        elif method == "sobol":
            found = sobol.analyze(problem, y, calc_second_order=False, conf_level=0.95, seed=seed)
            keys = ("S1", "S1_conf", "ST", "ST_conf")
        else:
            found = morris.analyze(problem, sets, y, conf_level=0.95, num_levels=4, seed=seed)
            keys = ("mu_star", "mu_star_conf", "sigma", "mu")
        tables[outcome] = pd.DataFrame({key: np.asarray(found[key], dtype=float) for key in keys},
                                       index=pd.Index(names, name="parameter"))
    return tables


@dataclass
class SensitivityResult:
    method: str
    preset: str
    names: tuple[str, ...]
    samples: int
    reps: int
    seed: int
    episodes: int
    seconds: float
    tables: dict[str, pd.DataFrame] = field(repr=False)

    @property
    def ranking_key(self) -> str:
        return "ST" if self.method == "sobol" else "mu_star"

    def ranked(self, outcome: str) -> pd.DataFrame:
        """The factors from most to least influential on ``outcome``."""
        return self.tables[outcome].sort_values(self.ranking_key, ascending=False, kind="stable")

    def to_json(self) -> dict:
        """The ``mfc simulate --sensitivity --json`` object (shape documented in README.md)."""
        def number(value: float) -> float | None:
            return round(float(value), 6) if math.isfinite(value) else None

        return {
            "method": self.method, "preset": self.preset, "parameters": list(self.names),
            "samples": self.samples, "reps": self.reps, "seed": self.seed, "episodes": self.episodes,
            "seconds": round(self.seconds, 3),
            "ranking": {outcome: list(self.ranked(outcome).index) for outcome in OUTCOMES},
            "outcomes": {outcome: {name: {key: number(value) for key, value in row.items()}
                                   for name, row in table.iterrows()} for outcome, table in self.tables.items()},
            "note": TEACHING_NOTE,
        }

    def long_table(self) -> pd.DataFrame:
        """One row per outcome and parameter (what ``--csv`` writes)."""
        frames = [table.reset_index().assign(outcome=outcome) for outcome, table in self.tables.items()]
        long = pd.concat(frames, ignore_index=True)
        return long[["outcome", "parameter", *self.tables[next(iter(OUTCOMES))].columns]]


def run_sensitivity(method: str = "sobol", preset_name: str = "practice-2016",
                    names: tuple[str, ...] = DEFAULT_FACTORS, samples: int = 64, reps: int = 20, seed: int = 2016,
                    client=None, progress=None) -> SensitivityResult:
    """Sample the factors with SALib, run every parameter set (on ``client``'s Dask workers, or
    here when it is None), and compute the indices. ``progress(done, total)`` counts parameter sets."""
    from simulations.cluster import map_in_order

    check_request(method, preset_name, names, samples, reps, seed)
    start = time.perf_counter()
    sets = parameter_sets(method, names, samples, seed)
    pieces = [sets[i:i + SAMPLES_PER_TASK] for i in range(0, len(sets), SAMPLES_PER_TASK)]

    def sets_done(done: int, total: int) -> None:
        if progress:
            progress(min(done * SAMPLES_PER_TASK, len(sets)), len(sets))

    if client is None:
        outputs = []
        for done, piece in enumerate(pieces, start=1):
            outputs.append(evaluate(piece, preset_name, names, reps, seed))
            sets_done(done, len(pieces))
    else:
        outputs = map_in_order(client, evaluate, pieces, preset_name, names, reps, seed, progress=sets_done)
    tables = indices(method, names, sets, np.vstack(outputs), seed)
    return SensitivityResult(method, preset_name, names, samples, reps, seed, len(sets) * reps,
                             time.perf_counter() - start, tables)


def shipped_result() -> dict:
    """The Sobol result shipped with the package (``SHIPPED_COMMAND`` made it), as ``to_json`` gives it."""
    return json.loads(SHIPPED.read_text(encoding="utf-8"))
