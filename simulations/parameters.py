"""Every number the model uses: name, unit, default, and where the value comes from.

Why one dataclass: a trainer who changes a delay must be able to see, next to it, whether
the value is a fact from the guidance or an assumption the model makes. So each field carries
its unit, its citations and, when it is not taken from the guidance, the reason for assuming
it. The defaults describe practice as *Heading back to harm* found it (the ``practice-2016``
preset); other presets override some fields, each override with its own source.

Why ``__setattr__`` refuses new names (the pydesrap_mms pattern): ``params.carer_check_h = 2``
with a typo would otherwise add a new attribute the model never reads, and the run would
silently use the old value. Values are range-checked on every assignment for the same reason.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field, fields
from enum import Enum

from simulations.errors import ParameterError


class Kind(Enum):
    """What a number measures, which fixes its unit and the values it may take."""

    HOURS = ("hours", 0.0, math.inf, True)  # a delay or duration; inf means "never"
    RATE = ("per hour", 0.0, math.inf, False)  # a hazard rate of an exponential clock
    PROBABILITY = ("probability", 0.0, 1.0, False)  # share of replications where something holds
    FACTOR = ("multiplier", 0.0, 1.0, False)  # how much an effort is reduced
    YEARS = ("years", 0.0, 30.0, False)  # an age

    def __init__(self, unit: str, low: float, high: float, allows_never: bool):
        self.unit = unit
        self.low = low
        self.high = high
        self.allows_never = allows_never

    def check(self, name: str, value) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"parameter {name!r} needs a number ({self.unit}), got {value!r}")
        value = float(value)
        if math.isnan(value):
            raise ParameterError(f"parameter {name!r} needs a number ({self.unit}), got nan")
        if math.isinf(value) and value > 0 and self.allows_never:
            return value
        if not self.low <= value <= self.high or math.isinf(value):
            span = f"{self.low:g} to {self.high:g}" if math.isfinite(self.high) else f"at least {self.low:g}"
            never = " (or inf for never)" if self.allows_never else ""
            raise ParameterError(f"parameter {name!r} must be {span} {self.unit}{never}, got {value:g}")
        return value


def _param(default: float, kind: Kind, doc: str, cites: tuple[str, ...] = (), assumption: str = ""):
    """A field with its unit, meaning and provenance. ``assumption`` empty means the value is cited."""
    return field(default=default, metadata={"kind": kind, "doc": doc, "cites": cites, "assumption": assumption})


HBTH = "HBTH2016"


@dataclass
class Params:
    """All inputs of one simulated episode. Field defaults are the ``practice-2016`` preset."""

    # -- the carer notices and reports -------------------------------------------------------
    carer_notice_mean_h: float = _param(
        3.0, Kind.HOURS, "mean time from the child leaving to the carer noticing (exponential)",
        (f"{HBTH} §Case study: Re-trafficking",),
        "children may leave unseen, at night or on the way somewhere; a few hours is assumed")
    p_report_at_once: float = _param(
        0.3, Kind.PROBABILITY, "share of carers who see an apparent risk and call the police at once",
        ("WF2026 §Reasonable Carer Actions",),
        "the study gives no figure; most carers made checks first")
    carer_checks_h: float = _param(
        10.0, Kind.HOURS, "how long the carer's reasonable checks last before reporting, when not reporting at once",
        ("WF2026 §Joint Responsibility",),
        "a night's wait; the guidance now caps the review at 2 hours for children")

    # -- the police record and grade the report ----------------------------------------------
    p_recorded_absent: float = _param(
        0.2, Kind.PROBABILITY, "share of reports recorded as 'absent' or as an 'absconder' instead of missing",
        (f"{HBTH} §Robust risk assessment",),
        "read from the survey: approaching 20% of criminal-justice respondents said 'absent' was used")
    reclassify_delay_h: float = _param(
        504.0, Kind.HOURS, "time before a child recorded 'absent' or 'absconder' is treated as missing",
        (f"{HBTH} §Case study: Kim",), "the report says several weeks for Kim; read as three weeks")
    p_graded_high: float = _param(
        0.4, Kind.PROBABILITY, "share of missing reports graded high risk (the rest are graded medium)",
        (f"{HBTH} §Robust risk assessment",),
        "professionals described a reluctance to grade high; the split is assumed")
    search_rate_high_per_h: float = _param(
        0.02, Kind.RATE, "rate of locating the child by police enquiries alone when graded high",
        ("GP2024 §The missing investigation",), "tuned so the 2016 preset meets the study's durations")
    search_rate_medium_per_h: float = _param(
        0.006, Kind.RATE, "rate of locating the child by police enquiries alone when graded medium",
        ("GP2024 §The missing investigation",), "tuned; a medium grading brings fewer resources")
    absent_effort_factor: float = _param(
        0.2, Kind.FACTOR, "police effort while the child is recorded 'absent' or 'absconder', relative to medium",
        (f"{HBTH} §Robust risk assessment",), "'absent' means monitoring, not searching; the size is assumed")

    # -- leads: each is on file for a share of children and reaches the investigation after a delay
    photo_on_file: float = _param(
        0.5, Kind.PROBABILITY, "share of children with a usable photo on file",
        (f"{HBTH} §Searching for missing children", "NSPCC-CTAC §Identification records"),
        "the study reports photos were valued, not how often they existed")
    photo_delay_h: float = _param(
        24.0, Kind.HOURS, "time from the report until the photo reaches the investigation",
        ("NSPCC-CTAC §Identification records",), "time to find and circulate a photo not kept with the report")
    photo_rate_per_h: float = _param(
        0.004, Kind.RATE, "extra rate of locating the child once the photo is circulated",
        (f"{HBTH} §Searching for missing children",), "size of the effect is assumed")
    phone_on_file: float = _param(
        0.4, Kind.PROBABILITY, "share of children whose phone numbers someone around them knows",
        (f"{HBTH} §Case study: Kim", f"{HBTH} §Case study: Bao"),
        "Kim's carer knew of a phone and Bao's carer was handed his ringing phone; how common this is "
        "is assumed")
    phone_delay_h: float = _param(
        168.0, Kind.HOURS, "time from the report until the phone numbers reach the investigation",
        (f"{HBTH} §Case study: Kim",), "the social workers did not know of Kim's phone; a week is assumed")
    phone_rate_per_h: float = _param(
        0.03, Kind.RATE, "extra rate of locating the child from the phone numbers (only when graded high)",
        (f"{HBTH} §Robust risk assessment", "NSPCC-CTAC §Phones and social media"),
        "tracking needed a high grading; the size of the effect is assumed")
    social_media_on_file: float = _param(
        0.2, Kind.PROBABILITY, "share of children whose social media accounts are recorded",
        ("NSPCC-CTAC §Phones and social media",), "recording social media is advice, not a measured practice")
    social_media_delay_h: float = _param(
        168.0, Kind.HOURS, "time from the report until social media details reach the investigation",
        ("GP2024 §The missing investigation",), "held by whoever knew the child; a week is assumed")
    social_media_rate_per_h: float = _param(
        0.004, Kind.RATE, "extra rate of locating the child from social media enquiries",
        ("NSPCC-CTAC §Phones and social media",), "size of the effect is assumed")
    contacts_on_file: float = _param(
        0.4, Kind.PROBABILITY, "share of children whose contacts and likely destinations someone knows",
        ("GP2024 §The missing investigation",), "how often this is known is assumed")
    contacts_delay_h: float = _param(
        72.0, Kind.HOURS, "time from the report until known contacts and destinations reach the investigation",
        ("GP2024 §The missing investigation",), "delays in passing information on are described, not measured")
    contacts_rate_per_h: float = _param(
        0.01, Kind.RATE, "extra rate of locating the child from known contacts and destinations",
        ("GP2024 §The missing investigation",), "size of the effect is assumed")
    p_family_in_contact: float = _param(
        0.3, Kind.PROBABILITY, "share of children in touch with family (in the UK or abroad) who may know where "
        "they are",
        ("GP2024 §The missing investigation",), "the guidance gives an example, not a share")
    family_ask_delay_h: float = _param(
        math.inf, Kind.HOURS, "time from the report until someone asks the child's family",
        ("GP2024 §The missing investigation",), "in the guidance's example nobody thought to ask; never is assumed")
    family_rate_per_h: float = _param(
        0.05, Kind.RATE, "rate of locating the child through family once they have been asked",
        ("GP2024 §The missing investigation",), "family in daily contact can help quickly; the size is assumed")
    philomena_on_file: float = _param(
        0.0, Kind.PROBABILITY, "share of children with a Philomena Protocol form (photo, phones, contacts, "
        "social media) shared with the report",
        ("WF2026 §Philomena Protocol",), "the 2016 study does not mention the protocol; none is assumed")
    strategy_meeting_h: float = _param(
        168.0, Kind.HOURS, "time from the report to the multi-agency strategy meeting, which gathers every lead "
        "held and ends any 'absent' recording",
        ("WF2026 §Strategy Meetings", "NSPCC-CTAC §Strategy discussion"),
        "the study does not time meetings; a week is assumed")

    # -- the child's movement --------------------------------------------------------------
    pull_rate_first_48h_per_h: float = _param(
        0.012, Kind.RATE, "rate at which traffickers take the child into hiding in the first 48 hours",
        ("HO2025 §Risk in the first 48 hours", f"{HBTH} §Introduction"),
        "the guidance says the first 48 hours are the riskiest; the rate is tuned")
    pull_rate_after_48h_per_h: float = _param(
        0.001, Kind.RATE, "rate at which traffickers take the child into hiding after the first 48 hours",
        (f"{HBTH} §Being under the control of traffickers",), "tuned; lower than in the first 48 hours")
    hidden_locate_factor: float = _param(
        0.0005, Kind.FACTOR, "how much harder locating is once the child is hidden in exploitation",
        (f"{HBTH} §Case study: Kojo",),
        "Kojo was hidden during police raids; tuned so the 2016 preset meets the study's share still missing")
    hidden_escape_rate_per_h: float = _param(
        0.000025, Kind.RATE, "rate at which a hidden child escapes or is freed and comes back",
        (f"{HBTH} §Case study: Kojo", f"{HBTH} §Case study: Bao"),
        "Kojo escaped after more than two years and Bao was found four years on; once in about "
        "four and a half years on average is assumed")
    self_return_rate_per_h: float = _param(
        0.015, Kind.RATE, "rate at which a child who is not hidden comes back or gets in touch by choice",
        ("GP2024 §Preparing with the child to help them stay safe",),
        "tuned so most episodes are short, as the study found")
    move_force_rate_per_h: float = _param(
        0.01, Kind.RATE, "rate at which the child is moved to another police force area",
        (f"{HBTH} §Introduction", f"{HBTH} §County lines"), "the study gives no rate; it is assumed")
    other_force_locate_factor: float = _param(
        0.25, Kind.FACTOR, "how much police enquiries and local leads lose when the child is in another force area, "
        "until that force acts",
        ("GP2024 §The missing investigation",), "size of the effect is assumed")
    cross_force_delay_h: float = _param(
        72.0, Kind.HOURS, "time from the child being elsewhere (and reported) until the other force acts on a request",
        ("GP2024 §The missing investigation",), "the guidance describes difficulty, not a time; three days assumed")

    # -- age ---------------------------------------------------------------------------
    age_min_years: float = _param(
        15.0, Kind.YEARS, "youngest age at leaving (ages are uniform between the two limits)",
        (f"{HBTH} §Introduction",), "15 to 17 year olds are most often reported missing; the range is assumed")
    age_max_years: float = _param(
        18.0, Kind.YEARS, "oldest age at leaving (exclusive upper limit of the uniform range)",
        (f"{HBTH} §Introduction",), "the study covers children under 18")
    adult_effort_factor: float = _param(
        0.3, Kind.FACTOR, "police effort once the young person is 18 (or recorded as an adult)",
        (f"{HBTH} §Robust risk assessment", f"{HBTH} §Criminal exploitation"),
        "professionals said the risk grading seems to drop at 18; the size is assumed")

    # -- after the child is found ------------------------------------------------------------
    found_notify_mean_h: float = _param(
        24.0, Kind.HOURS, "mean time for the responsible authority to hear the child is found, in its own area",
        ("GP2024 §The missing investigation",), "a day is assumed")
    found_notify_other_force_mean_h: float = _param(
        504.0, Kind.HOURS, "mean time for the responsible authority to hear the child is found in another force area",
        ("GP2024 §The missing investigation",),
        "the guidance describes weeks or months; three weeks is assumed")
    p_rhi_offered: float = _param(
        0.6, Kind.PROBABILITY, "share of found children offered a return home interview",
        (f"{HBTH} §Return home interviews",), "provision was inconsistent; the share is assumed")
    rhi_arrange_mean_h: float = _param(
        48.0, Kind.HOURS, "mean time from the authority hearing to the return home interview taking place",
        ("WF2026 §Return Home Interviews",), "two days is assumed")

    # -- children subject to immigration restriction ----------------------------------------------
    p_immigration_restriction: float = _param(
        0.6, Kind.PROBABILITY, "share of children subject to immigration restriction",
        ("HO2025 §Scope",), "most children in the study were foreign nationals; the share is assumed")
    ho_referral_delay_h: float = _param(
        168.0, Kind.HOURS, "time from the police report until the Home Office is told",
        ("HO2025 §Local authority and health responsibilities",), "a week is assumed for 2016")
    ho_contact_interval_h: float = _param(
        168.0, Kind.HOURS, "interval of the Home Office's contact with police and local authority until found",
        ("HO2025 §Weekly contact until found",))
    ho_locate_rate_per_h: float = _param(
        0.0005, Kind.RATE, "rate of the child being encountered and identified by the Home Office once told",
        ("HO2025 §Found by the Home Office",), "size of the effect is assumed")

    # -- going missing again after the first episode -----------------------------------------
    repeat_rate_per_h: float = _param(
        0.0003, Kind.RATE, "rate at which a child who is back goes missing again, before an interview or a "
        "missing meeting lowers it",
        (f"{HBTH} §Missing episodes", f"{HBTH} §Executive summary"),
        "tuned so the 2016 preset meets the study's figure of about 2.4 incidents per child in a year")
    repeat_missing_mean_h: float = _param(
        48.0, Kind.HOURS, "mean length of each later episode (exponential), until the child is back",
        (f"{HBTH} §Duration of missing incidents",),
        "two days is assumed: most incidents the study counted lasted a week or less")
    rhi_repeat_factor: float = _param(
        0.7, Kind.FACTOR, "how much a return home interview after an episode lowers the rate of going again",
        ("WF2026 §Return Home Interviews", f"{HBTH} §Return home interviews"),
        "the interview is meant to find why the child went and prevent the next time; the size is assumed")
    stage_one_repeat_factor: float = _param(
        0.7, Kind.FACTOR, "how much the safety plan agreed at a Stage One missing meeting lowers the rate of "
        "going again",
        ("WF2026 §Stage One Missing Meetings",), "the size of the effect is assumed")
    stage_two_repeat_factor: float = _param(
        0.7, Kind.FACTOR, "how much a Stage Two missing meeting lowers the rate of going again, on top of Stage One",
        ("WF2026 §Stage Two Missing Meetings",), "the size of the effect is assumed")
    review_window_h: float = _param(
        2160.0, Kind.HOURS, "the rolling window in which 3 episodes call a Stage One and 5 a Stage Two meeting",
        ("WF2026 §Stage One Missing Meetings", "WF2026 §Stage Two Missing Meetings"))

    # -- the National Referral Mechanism (NRM) -----------------------------------------------
    p_nrm_referred: float = _param(
        0.35, Kind.PROBABILITY, "share of children referred to the NRM as possible victims of trafficking",
        (f"{HBTH} §Introduction", f"{HBTH} §Case study: Kim", f"{HBTH} §Case study: Kojo"),
        "no statutory agency referred Kim and nobody referred Kojo; the report cites an estimate that "
        "about two in three victims were not referred, so about a third is assumed")
    nrm_referral_delay_h: float = _param(
        168.0, Kind.HOURS, "time from the missing report until the child is referred to the NRM",
        (f"{HBTH} §3.3 Identification and age assessment",), "a week is assumed")
    nrm_decision_h: float = _param(
        120.0, Kind.HOURS, "time from the NRM referral until the reasonable grounds decision falls due; "
        "if the child is missing then, it is stayed until they are back",
        (f"{HBTH} §Case study: Kim", f"{HBTH} §Case study: Bao"),
        "the recommended five days; Kim's decision missed it and Bao's took three months")

    # -- run length --------------------------------------------------------------------------
    horizon_h: float = _param(
        8760.0, Kind.HOURS, "how long each episode is followed; a child not located by then is 'never located'",
        (f"{HBTH} §Methodology",), "one year, the length of the study's data window")

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, f.metadata["kind"].check(f.name, getattr(self, f.name)))
        self._check_together()
        object.__setattr__(self, "_ready", True)

    def __setattr__(self, name, value):
        if not getattr(self, "_ready", False):  # dataclass __init__ is still filling the fields
            object.__setattr__(self, name, value)
            return
        spec = _SPECS.get(name)
        if spec is None:
            raise ParameterError(unknown_name_message(name))
        previous = getattr(self, name)
        object.__setattr__(self, name, spec.metadata["kind"].check(name, value))
        try:
            self._check_together()
        except ParameterError:
            object.__setattr__(self, name, previous)
            raise

    def _check_together(self) -> None:
        """Rules that involve more than one field."""
        if self.age_min_years > self.age_max_years:
            raise ParameterError(
                f"age_min_years ({self.age_min_years:g}) must not exceed age_max_years ({self.age_max_years:g})")
        if not math.isfinite(self.horizon_h) or self.horizon_h <= 0:
            raise ParameterError(f"horizon_h must be a positive number of hours, got {self.horizon_h:g}")
        if self.ho_contact_interval_h <= 0:
            raise ParameterError("ho_contact_interval_h must be more than 0 hours (contact cannot be continuous)")

    def replace(self, **changes) -> Params:
        """A copy with some values changed; unknown names are refused like assignments are."""
        for name in changes:
            if name not in _SPECS:
                raise ParameterError(unknown_name_message(name))
        values = {name: getattr(self, name) for name in _SPECS} | changes
        return Params(**values)


_SPECS = {f.name: f for f in fields(Params)}
PARAMETER_NAMES = tuple(_SPECS)


def unknown_name_message(name: str) -> str:
    close = difflib.get_close_matches(name, PARAMETER_NAMES, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else " (mfc simulate --list shows them all)"
    return f"unknown parameter {name!r}{hint}"


def kind_of(name: str) -> Kind:
    return _SPECS[name].metadata["kind"]


def describe(name: str) -> str:
    return _SPECS[name].metadata["doc"]


def source_of(name: str, cites: tuple[str, ...] | None = None, assumption: str | None = None) -> str:
    """Where a value comes from, as one line: citations, or 'assumption: why (citations)'."""
    meta = _SPECS[name].metadata
    cites = meta["cites"] if cites is None else cites
    assumption = meta["assumption"] if assumption is None else assumption
    joined = "; ".join(cites)
    if not assumption:
        return joined
    return f"assumption: {assumption}" + (f" ({joined})" if joined else "")


def citations_of(name: str) -> tuple[str, ...]:
    return _SPECS[name].metadata["cites"]


def is_assumed(name: str) -> bool:
    return bool(_SPECS[name].metadata["assumption"])


def parse_value(name: str, text: str) -> float:
    """Read a value typed on the command line: a number, or 'inf'/'never' for a delay that never ends."""
    if name not in _SPECS:
        raise ParameterError(unknown_name_message(name))
    cleaned = text.strip().lower()
    if cleaned in {"inf", "never", "infinity"}:
        value = math.inf
    else:
        try:
            value = float(cleaned)
        except ValueError:
            raise ParameterError(f"parameter {name!r} needs a number ({kind_of(name).unit}), got {text!r}") from None
    return kind_of(name).check(name, value)


def parse_assignment(text: str) -> tuple[str, float]:
    """``NAME=VALUE`` from ``--set``, checked."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ParameterError(f"--set needs NAME=VALUE, got {text!r}")
    name = name.strip()
    return name, parse_value(name, value)
