"""One missing episode, from the moment the child leaves, in SimPy (times in hours).

Each party's steps are timed SimPy events whose callbacks take the next step: the carer notices,
checks and reports; the report sets the police and the other agencies in motion; after the child
is found, the found-notification starts the clock for the return home interview. Single
occurrences are timed events too: each lead (photo, phone numbers, social media, contacts,
family) reaching the investigation, the strategy meeting that gathers what is still held back,
traffickers taking the child into hiding, a move to another force area and the cross-force
request, turning 18. The Home Office's weekly contact is a timed event that sets the next one. How all of
these change the chance of locating the child is held in one
:class:`~simulations.hazards.HazardRace`, whose rates every party adjusts.

Random numbers: each replication gets a fixed number of uniforms per random stream
(``STREAM_DRAWS``) whatever the parameters are, so presets compared on one seed meet the same
children (common random numbers). :func:`circumstances` turns them into what each child and
agency is like, for many replications at once.

Speed: several episodes share one SimPy environment (they start together at t = 0 and never
touch each other's events), so a group of replications pays for one environment, not one each.
"""

from __future__ import annotations

import math
from itertools import accumulate, repeat
from typing import NamedTuple

import numpy as np
import simpy

from simulations.hazards import HazardRace
from simulations.parameters import Params
from simulations.repeats import NRM_DRAWS, REPEAT_DRAWS
from simulations.steps import Step

HOURS_PER_YEAR = 365.25 * 24
FIRST_48_HOURS = 48.0
RHI_LIMIT_H = 72.0

LEADS = ("photo", "phone", "social_media", "contacts")  # records that can be written down and shared
PHILOMENA_CARRIES = LEADS  # what a Philomena form holds, so it travels with the report
_ON_FILE = tuple(f"{lead}_on_file" for lead in LEADS)
_DELAY = tuple(f"{lead}_delay_h" for lead in LEADS)
# How many uniforms each stream gives a replication; fixed so that streams stay paired across presets.
STREAM_DRAWS = {
    "carer": 2, "police": 2, "pull": 1, "movement": 1, "age": 1, "search": 1, "self_return": 1,
    "photo": 2, "phone": 2, "social_media": 2, "contacts": 2, "family": 2, "philomena": 1,
    "home_office": 2, "after_found": 3,
    # The year after the first episode (repeats.py). Last, so that adding them left the numbers of
    # the streams above as they were.
    "repeat": REPEAT_DRAWS, "nrm": NRM_DRAWS,
}
STREAMS = tuple(STREAM_DRAWS)
DRAWS_PER_REPLICATION = sum(STREAM_DRAWS.values())
FIRST_DRAW = dict(zip(STREAMS, accumulate((0, *STREAM_DRAWS.values())), strict=False))  # a stream's place in a row
EPISODE_DRAWS = FIRST_DRAW["repeat"]  # the first episode's uniforms come first in a row; the year after's follow
CHANNELS = ("search", *LEADS, "family", "home_office", "self_return")  # ways an episode can end; see _refresh_rates
_ZERO_BEFORE_REPORT = (0.0,) * (len(CHANNELS) - 1)  # every rate but self_return's before the report
# Each channel's threshold is the last draw of its own stream.
THRESHOLD_DRAW = tuple(FIRST_DRAW[channel] + STREAM_DRAWS[channel] - 1 for channel in CHANNELS)
(CARER, POLICE, PULL, MOVEMENT, AGE, _SEARCH, _SELF_RETURN, PHOTO, PHONE, SOCIAL_MEDIA, CONTACTS, FAMILY,
 PHILOMENA, HOME_OFFICE, AFTER_FOUND, *_READ_BY_REPEATS) = (FIRST_DRAW[name] for name in STREAMS)
LEAD_DRAW = (PHOTO, PHONE, SOCIAL_MEDIA, CONTACTS)
OUTCOME_FIELDS = (  # what an episode reports; the runner derives the rest of the results columns from these
    "located_by", "hours_to_locate", "hours_to_report", "recorded_absent", "graded_high", "strategy_meeting_held",
    "leads_arrived", "reached_other_force", "hidden_at", "turned_18_missing", "immigration_restriction",
    "home_office_told", "home_office_contacts", "found_notified_at", "rhi_at",
)


class Circumstances(NamedTuple):
    """What the child, their records and the agencies are like in one replication: everything
    drawn at random, before anything happens, and the delays that follow from it alone. Made by
    :func:`circumstances` for many replications at once."""

    notice_delay_h: float  # from the child leaving to the carer noticing
    reports_at_once: bool  # the carer sees an apparent risk and skips the checks
    recorded_absent: bool  # the police will record the report as 'absent' or 'absconder'
    graded_high: bool  # ... or grade it high risk (otherwise medium)
    age: float  # in years, on leaving
    hide_at: float  # hours until traffickers take the child into hiding (inf: never)
    move_at: float  # hours until the child is moved to another force area (inf: never)
    leads_held: tuple[str, ...]  # the records someone holds, in LEADS order
    leads_with_report: tuple[str, ...]  # ... of which these reach the investigation with the report
    leads_later: tuple[tuple[float, str], ...]  # ... and these (hours after the report, lead) later
    family_in_contact: bool
    immigration_restriction: bool
    notify_here_h: float  # found to the authority hearing, found in its own area (inf: never)
    notify_elsewhere_h: float  # ... found in another force area
    interview_after_h: float  # authority hearing to the return home interview (inf: none)
    thresholds: list[float]  # each channel's Exp(1) threshold, in CHANNELS order (see hazards.py)


def _lead_timing(p: Params, held: tuple[str, ...], philomena: bool) -> tuple[tuple, tuple]:
    """Which held records arrive with the report and which later (hours after it, in LEADS order;
    a record that never arrives is left out: only a strategy meeting can bring it in)."""
    delays = [(0.0 if philomena and lead in PHILOMENA_CARRIES else getattr(p, _DELAY[LEADS.index(lead)]), lead)
              for lead in held]
    return (tuple(lead for delay, lead in delays if delay == 0),
            tuple((delay, lead) for delay, lead in delays if 0 < delay < math.inf))


# The records held, for each of the 16 combinations of the four leads (bit i set: LEADS[i] held).
_LEAD_SETS = [tuple(lead for i, lead in enumerate(LEADS) if mask >> i & 1) for mask in range(2 ** len(LEADS))]


def _scaled(mean: float, e: np.ndarray) -> np.ndarray:
    """Exponential delays with the given mean from Exp(1) draws; a never-ending mean stays never."""
    return np.full(len(e), math.inf) if math.isinf(mean) else mean * e


def circumstances(p: Params, u: np.ndarray) -> list[Circumstances]:
    """Each replication's circumstances from its row of uniforms (rows: replications; columns:
    ``STREAM_DRAWS`` numbers per stream, in ``STREAMS`` order), for the whole block at once.

    Every draw is compared with a share or turned into an Exp(1) variate by inversion,
    ``-log(1 - u)``, which is monotone in ``u``: a higher rate or a longer mean delay moves the
    same child's times the same way in every preset (common random numbers)."""
    # Exp(1) variates of the first episode's streams only: the year after (repeats.py) makes its own.
    e = -np.log1p(-u[:, :EPISODE_DRAWS])
    rows = len(u)
    with np.errstate(divide="ignore", invalid="ignore"):
        early, late = p.pull_rate_first_48h_per_h, p.pull_rate_after_48h_per_h
        pulled = e[:, PULL]
        # The integrated trafficker pull (one rate for the first 48 hours, another after) reaches the threshold.
        hide_at = np.where(early * FIRST_48_HOURS > pulled, pulled / early,
                           FIRST_48_HOURS + (pulled - early * FIRST_48_HOURS) / late if late else math.inf)
        move_at = e[:, MOVEMENT] / p.move_force_rate_per_h if p.move_force_rate_per_h else np.full(rows, math.inf)
    notice = _scaled(p.carer_notice_mean_h, e[:, CARER])
    philomena = u[:, PHILOMENA] < p.philomena_on_file
    held = [u[:, at] < getattr(p, on_file) for on_file, at in zip(_ON_FILE, LEAD_DRAW, strict=True)]
    held[0] = held[0] | philomena  # a Philomena form includes a photo
    # One of 32 record situations per child: which leads are held (16) and whether a form goes with the report.
    situation = sum(column.astype(int) << i for i, column in enumerate(held)) + (philomena.astype(int) << len(LEADS))
    timings = [_lead_timing(p, leads, with_form) for with_form in (False, True) for leads in _LEAD_SETS]
    # For each situation: the records held, those arriving with the report, those arriving later.
    by_situation = ([_LEAD_SETS[s % len(_LEAD_SETS)] for s in range(len(timings))], *zip(*timings, strict=True))
    situations = situation.tolist()
    interview = np.where(u[:, AFTER_FOUND + 1] < p.p_rhi_offered, _scaled(p.rhi_arrange_mean_h, e[:, AFTER_FOUND + 2]),
                         math.inf)
    columns = (
        notice, u[:, CARER + 1] < p.p_report_at_once, u[:, POLICE] < p.p_recorded_absent,
        u[:, POLICE + 1] < p.p_graded_high, p.age_min_years + u[:, AGE] * (p.age_max_years - p.age_min_years),
        hide_at, move_at,
    )
    # tuple.__new__ is Circumstances._make without its check of the length, which zip(strict=True) makes.
    return list(map(tuple.__new__, repeat(Circumstances), zip(
        *(column.tolist() for column in columns), *([records[s] for s in situations] for records in by_situation),
        (u[:, FAMILY] < p.p_family_in_contact).tolist(), (u[:, HOME_OFFICE] < p.p_immigration_restriction).tolist(),
        _scaled(p.found_notify_mean_h, e[:, AFTER_FOUND]).tolist(),
        _scaled(p.found_notify_other_force_mean_h, e[:, AFTER_FOUND]).tolist(), interview.tolist(),
        e[:, list(THRESHOLD_DRAW)].tolist(), strict=True)))


def stream_of(u: np.ndarray, name: str) -> np.ndarray:
    """The columns of a block of uniforms (rows: replications) that belong to one stream."""
    return u[:, FIRST_DRAW[name]:FIRST_DRAW[name] + STREAM_DRAWS[name]]


class Episode:
    """One replication: build it on an environment with the parameters and its circumstances,
    run the environment, then read :meth:`outcome`. Several episodes may share one environment."""

    __slots__ = ("p", "env", "drawn", "horizon", "report_time", "reported", "recorded_absent", "graded_high", "adult",
                 "turned_18_missing", "hidden", "hidden_at", "in_other_force", "request_actioned", "arrived",
                 "meeting_held", "ho_referred", "ho_contacts", "found_notified_at", "rhi_at", "race")

    def __init__(self, env: simpy.Environment, p: Params, drawn: Circumstances):
        self.p = p
        self.env = env
        self.drawn = drawn
        self.horizon = p.horizon_h  # follow-up ends here for a child not located

        # State the parties change as the episode unfolds.
        self.report_time = math.nan
        self.reported = False
        self.recorded_absent = False
        self.graded_high = False
        self.adult = drawn.age >= 18
        self.turned_18_missing = False
        self.hidden = False
        self.hidden_at = math.nan
        self.in_other_force = False
        self.request_actioned = False
        self.arrived: set[str] = set()
        self.meeting_held = False
        self.ho_referred = False
        self.ho_contacts = 0
        self.found_notified_at = math.nan
        self.rhi_at = math.nan

        # Until the report only the child can end the episode, by coming back; nothing can locate
        # the child at or after the horizon.
        self.race = HazardRace(env, CHANNELS, drawn.thresholds, [*_ZERO_BEFORE_REPORT, p.self_return_rate_per_h],
                               self.horizon, self._located)
        # Each step of each party is a timed SimPy event whose callback takes the next step (the
        # Home Office's weekly contact sets the next week's).
        self._after(drawn.notice_delay_h, self._carer_notices)
        self._after(drawn.hide_at, self._taken_into_hiding)
        self._after(drawn.move_at, self._moved_to_another_force)
        if not self.adult:
            self._after((18 - drawn.age) * HOURS_PER_YEAR, self._turn_18)

    # -- helpers -------------------------------------------------------------------------------
    def _after(self, hours: float, action, value=None) -> None:
        """Call ``action(event)`` in ``hours`` from now (``event.value`` is ``value``), unless that
        is never or at or beyond the horizon. (Events scheduled one after another at the same time
        run in that order.)"""
        env = self.env
        if env._now + hours < self.horizon:  # env.now without the property call: this runs for every step
            Step(env, hours, action, value)

    def _refresh_rates(self) -> None:
        """Recompute every channel's rate (in ``CHANNELS`` order) from the current state: the one
        place the rules live. See MODEL.md, section 2.2, for the same rules as a table."""
        p, arrived, hidden = self.p, self.arrived, self.hidden
        hide = p.hidden_locate_factor if hidden else 1.0
        family = p.family_rate_per_h * hide if "family" in arrived else 0.0
        home_office = p.ho_locate_rate_per_h * hide if self.ho_referred else 0.0
        self_return = p.hidden_escape_rate_per_h if hidden else p.self_return_rate_per_h
        if not self.reported:  # no investigation yet
            self.race.set_rates([0.0, 0.0, 0.0, 0.0, 0.0, family, home_office, self_return])
            return
        effort = hide * (p.absent_effort_factor if self.recorded_absent else 1.0)
        if self.adult:
            effort *= p.adult_effort_factor
        stranded = self.in_other_force and not self.request_actioned
        local = effort * p.other_force_locate_factor if stranded else effort  # enquiries tied to the home area
        high = self.graded_high and not self.recorded_absent
        self.race.set_rates([
            local * (p.search_rate_high_per_h if high else p.search_rate_medium_per_h),
            local * p.photo_rate_per_h if "photo" in arrived else 0.0,
            effort * p.phone_rate_per_h if high and "phone" in arrived else 0.0,  # tracking needs a high grading
            effort * p.social_media_rate_per_h if "social_media" in arrived else 0.0,  # online: anywhere
            local * p.contacts_rate_per_h if "contacts" in arrived else 0.0,
            family, home_office, self_return,
        ])

    def _arrive(self, *leads: str) -> None:
        if self.race.over:
            return
        self.arrived.update(leads)
        self._refresh_rates()

    def _lead_arrives(self, event: simpy.Event) -> None:
        self._arrive(event.value)

    # -- the parties ---------------------------------------------------------------------------
    def _carer_notices(self, _event) -> None:
        """The carer notices the child is gone: they call the police at once if they see an
        apparent risk, otherwise after their reasonable checks."""
        if self.drawn.reports_at_once:
            self._report()
        else:
            self._after(self.p.carer_checks_h, self._report)

    def _report(self, _event=None) -> None:
        """The police record the report, as missing and graded or as 'absent' until reclassified,
        and the report sets the other parties in motion: records shared with the report arrive
        with it, the others after their delays."""
        if self.race.over:
            return
        p, drawn = self.p, self.drawn
        self.reported = True
        self.report_time = self.env.now
        self.recorded_absent, self.graded_high = drawn.recorded_absent, drawn.graded_high
        self.arrived.update(drawn.leads_with_report)
        self._refresh_rates()
        for delay, lead in drawn.leads_later:
            self._after(delay, self._lead_arrives, lead)
        if drawn.family_in_contact:
            self._after(p.family_ask_delay_h, self._lead_arrives, "family")
        self._after(p.strategy_meeting_h, self._hold_strategy_meeting)
        if self.in_other_force:
            self._after(p.cross_force_delay_h, self._cross_force_request_actioned)
        if drawn.immigration_restriction:
            self._after(p.ho_referral_delay_h, self._tell_home_office)
        if self.recorded_absent:
            self._after(p.reclassify_delay_h, self._end_absent_recording)

    def _end_absent_recording(self, _event) -> None:
        if self.recorded_absent and not self.race.over:
            self.recorded_absent = False
            self._refresh_rates()

    def _hold_strategy_meeting(self, _event) -> None:
        """The agencies meet: every lead anyone holds is shared and any 'absent' recording ends."""
        if self.race.over:
            return
        self.meeting_held = True
        self.recorded_absent = False
        self._arrive(*self.drawn.leads_held, *(["family"] if self.drawn.family_in_contact else []))

    def _taken_into_hiding(self, _event) -> None:
        """Traffickers take the child into hiding (their pull is strongest in the first 48 hours)."""
        if not self.race.over:
            self.hidden, self.hidden_at = True, self.env.now
            self._refresh_rates()

    def _moved_to_another_force(self, _event) -> None:
        """Enquiries where the child now is wait for a cross-force request (raised once reported)."""
        if self.race.over:
            return
        self.in_other_force = True
        self._refresh_rates()
        if self.reported:
            self._after(self.p.cross_force_delay_h, self._cross_force_request_actioned)

    def _cross_force_request_actioned(self, _event) -> None:
        if not self.race.over:
            self.request_actioned = True
            self._refresh_rates()

    def _turn_18(self, _event) -> None:
        """Turning 18 while missing: the police effort may drop."""
        if not self.race.over:
            self.adult = self.turned_18_missing = True
            self._refresh_rates()

    def _tell_home_office(self, _event) -> None:
        """A child subject to immigration restriction: the Home Office is told, then keeps weekly contact."""
        if self.race.over:
            return
        self.ho_referred = True
        self._refresh_rates()
        self._after(self.p.ho_contact_interval_h, self._home_office_contact)

    def _home_office_contact(self, _event) -> None:
        """Weekly contact with police and local authority until the child is found (or the horizon).
        A callback that sets the next week's, rather than a SimPy process looping: the same timing,
        without resuming a generator every week."""
        if not self.race.over:
            self.ho_contacts += 1
            self._after(self.p.ho_contact_interval_h, self._home_office_contact)

    def _located(self, winner: str) -> None:
        """The child is located (``winner``: the channel that fired): the responsible authority is
        to be told (slowly if the child was found in another force area), which starts the return
        home interview. Both are followed to the end, even past the horizon."""
        elsewhere = self.in_other_force and winner != "self_return"
        delay = self.drawn.notify_elsewhere_h if elsewhere else self.drawn.notify_here_h
        if delay < math.inf:
            Step(self.env, delay, self._authority_hears)

    def _authority_hears(self, _event) -> None:
        self.found_notified_at = self.env.now
        if self.drawn.interview_after_h < math.inf:
            Step(self.env, self.drawn.interview_after_h, self._interview)

    def _interview(self, _event) -> None:
        self.rhi_at = self.env.now

    # -- reporting -----------------------------------------------------------------------------
    def outcome(self) -> tuple:
        """What happened, in ``OUTCOME_FIELDS`` order (the runner turns these into the results columns)."""
        race = self.race
        return (
            race.winner or "", race.fired_at, self.report_time, self.drawn.recorded_absent and self.reported,
            self.graded_high, self.meeting_held, len(self.arrived), self.in_other_force, self.hidden_at,
            self.turned_18_missing, self.drawn.immigration_restriction, self.ho_referred, self.ho_contacts,
            self.found_notified_at, self.rhi_at,
        )


def run_episodes(p: Params, drawn: list[Circumstances]) -> tuple[list[tuple], int]:
    """Run one episode per replication, all in one SimPy environment, until nothing is left to
    happen. Returns each episode's :meth:`Episode.outcome` and the number of events SimPy processed."""
    env = simpy.Environment()
    episodes = [Episode(env, p, circumstances) for circumstances in drawn]
    env.run()
    outcomes = [episode.outcome() for episode in episodes]
    for episode in episodes:
        episode.race = None  # breaks the cycle episode -> race -> on_fire, so episodes are freed at once
    return outcomes, next(env._eid)
