"""One missing episode, from the moment the child leaves, in SimPy (times in hours).

Parties that act in several steps are SimPy processes waiting on each other's events: the carer
notices, checks and reports; the police record and grade the report and set the others in
motion; the Home Office keeps weekly contact; after the child is found, the found-notification
starts the clock for the return home interview. Single occurrences are timed SimPy events: each
lead (photo, phone numbers, social media, contacts, family) reaching the investigation, the
strategy meeting that gathers what is still held back, traffickers taking the child into hiding,
a move to another force area and the cross-force request, turning 18. How all of these change
the chance of locating the child is held in one :class:`~simulations.hazards.HazardRace`,
whose rates every party adjusts.

Random numbers: each process has its own stream (a Generator from its own SeedSequence child)
and draws the same fixed set of numbers in every replication whatever the parameters are, so
presets compared on one seed meet the same children (common random numbers).
"""

from __future__ import annotations

import math

import numpy as np
import simpy

from simulations.hazards import HazardRace
from simulations.parameters import Params

HOURS_PER_YEAR = 365.25 * 24
FIRST_48_HOURS = 48.0
RHI_LIMIT_H = 72.0

LEADS = ("photo", "phone", "social_media", "contacts")  # records that can be written down and shared
PHILOMENA_CARRIES = LEADS  # what a Philomena form holds, so it travels with the report
# How many uniforms each process draws; fixed so that streams stay paired across presets.
STREAM_DRAWS = {
    "carer": 2, "police": 2, "pull": 1, "movement": 1, "age": 1, "search": 1, "self_return": 1,
    "photo": 2, "phone": 2, "social_media": 2, "contacts": 2, "family": 2, "philomena": 1,
    "home_office": 2, "after_found": 3,
}
STREAMS = tuple(STREAM_DRAWS)
CHANNELS = ("search", *LEADS, "family", "home_office", "self_return")  # ways an episode can end; see _refresh_rates


def _exp1(u: float) -> float:
    """An Exp(1) variate from a uniform on [0, 1), by inversion (monotone in u)."""
    return -math.log1p(-u)


def _hiding_time(e: float, early_rate: float, late_rate: float) -> float:
    """When the integrated trafficker pull (one rate for the first 48 hours, another after)
    reaches the Exp(1) threshold ``e``: the time the child is taken into hiding."""
    if early_rate * FIRST_48_HOURS > e:
        return e / early_rate
    if not late_rate:
        return math.inf
    return FIRST_48_HOURS + (e - early_rate * FIRST_48_HOURS) / late_rate


def _scaled(mean: float, e: float) -> float:
    """An exponential delay with the given mean from an Exp(1) draw; a never-ending mean stays never."""
    return math.inf if math.isinf(mean) else mean * e


class Episode:
    """One replication. Build it with the parameters and one Generator per stream, then :meth:`run`."""

    def __init__(self, p: Params, rngs: dict[str, np.random.Generator]):
        self.p = p
        u = {name: rngs[name].random(n).tolist() for name, n in STREAM_DRAWS.items()}
        self.env = env = simpy.Environment()

        # What the child, the records and the agencies are like in this replication.
        self._notice_e, self._reports_at_once = _exp1(u["carer"][0]), u["carer"][1] < p.p_report_at_once
        self._drawn_absent, self._drawn_high = u["police"][0] < p.p_recorded_absent, u["police"][1] < p.p_graded_high
        self.age = p.age_min_years + u["age"][0] * (p.age_max_years - p.age_min_years)
        self.hide_at = _hiding_time(_exp1(u["pull"][0]), p.pull_rate_first_48h_per_h, p.pull_rate_after_48h_per_h)
        self.move_at = _exp1(u["movement"][0]) / p.move_force_rate_per_h if p.move_force_rate_per_h else math.inf
        self.philomena = u["philomena"][0] < p.philomena_on_file
        self.leads_held = {
            lead for lead in LEADS
            if u[lead][0] < getattr(p, f"{lead}_on_file") or (lead == "photo" and self.philomena)
        }
        self.family_in_contact = u["family"][0] < p.p_family_in_contact
        self.immigration_restriction = u["home_office"][0] < p.p_immigration_restriction
        self._notify_e, self._rhi_offered, self._arrange_e = (
            _exp1(u["after_found"][0]), u["after_found"][1] < p.p_rhi_offered, _exp1(u["after_found"][2]))

        # State the parties change as the episode unfolds.
        self.report_time = math.nan
        self.reported = env.event()
        self.recorded_absent = False
        self.graded_high = False
        self.adult = self.age >= 18
        self.turned_18_missing = False
        self.hidden_at = math.nan
        self.moved_at = math.nan
        self.request_actioned = False
        self.arrived: set[str] = set()
        self.meeting_held = False
        self.ho_referred = False
        self.ho_contacts = 0
        self.found_notified_at = math.nan
        self.rhi_at = math.nan
        self.finished = env.event()

        # Each channel's threshold is the last draw of its own stream.
        thresholds = [_exp1(u[channel][-1]) for channel in CHANNELS]
        self.race = HazardRace(env, CHANNELS, thresholds, [0.0] * (len(CHANNELS) - 1) + [p.self_return_rate_per_h])
        # Parties with several steps in turn are processes; single occurrences are timed events.
        env.process(self._carer())
        env.process(self._police())
        env.process(self._after_found())
        env.timeout(p.horizon_h).callbacks.append(self._reach_horizon)
        self._after(self.hide_at, self._taken_into_hiding)
        self._after(self.move_at, self._moved_to_another_force)
        if not self.adult:
            self._after((18 - self.age) * HOURS_PER_YEAR, self._turn_18)

    # -- helpers -------------------------------------------------------------------------------
    def _after(self, hours: float, action) -> None:
        """Do ``action`` in ``hours`` from now, unless that is never or beyond the horizon.
        (Events scheduled one after another at the same time run in that order.)"""
        if self.env.now + hours < self.p.horizon_h:
            self.env.timeout(hours).callbacks.append(lambda _: action())

    @property
    def ended(self) -> bool:
        return self.race.fired.triggered

    @property
    def hidden(self) -> bool:
        return not math.isnan(self.hidden_at)

    @property
    def in_other_force(self) -> bool:
        return not math.isnan(self.moved_at)

    def _refresh_rates(self) -> None:
        """Recompute every channel's rate (in ``CHANNELS`` order) from the current state: the one
        place the rules live. See MODEL.md, section 2.2, for the same rules as a table."""
        p, arrived, hidden = self.p, self.arrived, self.hidden
        hide = p.hidden_locate_factor if hidden else 1.0
        family = p.family_rate_per_h * hide if "family" in arrived else 0.0
        home_office = p.ho_locate_rate_per_h * hide if self.ho_referred else 0.0
        self_return = p.hidden_escape_rate_per_h if hidden else p.self_return_rate_per_h
        if not self.reported.triggered:  # no investigation yet
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
        if self.ended:
            return
        self.arrived.update(leads)
        self._refresh_rates()

    def _end_absent_recording(self) -> None:
        if self.recorded_absent and not self.ended:
            self.recorded_absent = False
            self._refresh_rates()

    # -- the parties ---------------------------------------------------------------------------
    def _carer(self):
        """The carer notices, makes reasonable checks (unless the risk is apparent), then reports."""
        p = self.p
        yield self.env.timeout(_scaled(p.carer_notice_mean_h, self._notice_e))
        if not self._reports_at_once:
            if math.isinf(p.carer_checks_h):
                return
            yield self.env.timeout(p.carer_checks_h)
        if not self.ended:
            self.reported.succeed()

    def _police(self):
        """The police record the report, as missing and graded or as 'absent' until reclassified,
        and the report sets the other parties in motion."""
        p = self.p
        yield self.reported
        self.report_time = self.env.now
        self.recorded_absent, self.graded_high = self._drawn_absent, self._drawn_high
        self.arrived.update(lead for lead in self.leads_held if self._lead_delay(lead) == 0)
        self._refresh_rates()
        for lead in LEADS:  # in a fixed order, so arrivals at the same instant always run in the same order
            if lead in self.leads_held and self._lead_delay(lead) > 0:
                self._after(self._lead_delay(lead), lambda lead=lead: self._arrive(lead))
        if self.family_in_contact:
            self._after(p.family_ask_delay_h, lambda: self._arrive("family"))
        self._after(p.strategy_meeting_h, self._hold_strategy_meeting)
        if self.in_other_force:
            self._after(p.cross_force_delay_h, self._cross_force_request_actioned)
        if self.immigration_restriction:
            self._after(p.ho_referral_delay_h, self._tell_home_office)
        if self.recorded_absent and math.isfinite(p.reclassify_delay_h):
            yield self.env.timeout(p.reclassify_delay_h)
            self._end_absent_recording()

    def _lead_delay(self, lead: str) -> float:
        """Hours from the report until a held record reaches the investigation; never means only a
        strategy meeting can bring it in."""
        return 0.0 if self.philomena and lead in PHILOMENA_CARRIES else getattr(self.p, f"{lead}_delay_h")

    def _hold_strategy_meeting(self) -> None:
        """The agencies meet: every lead anyone holds is shared and any 'absent' recording ends."""
        if self.ended:
            return
        self.meeting_held = True
        self.recorded_absent = False
        self._arrive(*self.leads_held, *(["family"] if self.family_in_contact else []))

    def _taken_into_hiding(self) -> None:
        """Traffickers take the child into hiding (their pull is strongest in the first 48 hours)."""
        if not self.ended:
            self.hidden_at = self.env.now
            self._refresh_rates()

    def _moved_to_another_force(self) -> None:
        """Enquiries where the child now is wait for a cross-force request (raised once reported)."""
        if self.ended:
            return
        self.moved_at = self.env.now
        self._refresh_rates()
        if self.reported.triggered:
            self._after(self.p.cross_force_delay_h, self._cross_force_request_actioned)

    def _cross_force_request_actioned(self) -> None:
        if not self.ended:
            self.request_actioned = True
            self._refresh_rates()

    def _turn_18(self) -> None:
        """Turning 18 while missing: the police effort may drop."""
        if not self.ended:
            self.adult = self.turned_18_missing = True
            self._refresh_rates()

    def _tell_home_office(self) -> None:
        """A child subject to immigration restriction: the Home Office is told, then keeps weekly contact."""
        if self.ended:
            return
        self.ho_referred = True
        self._refresh_rates()
        if math.isfinite(self.p.ho_contact_interval_h):
            self.env.process(self._home_office_contact())

    def _home_office_contact(self):
        """Weekly contact with police and local authority until the child is found."""
        while True:
            yield self.env.timeout(self.p.ho_contact_interval_h)
            if self.ended:
                return
            self.ho_contacts += 1

    def _after_found(self):
        """Found-notification to the responsible authority, then the return home interview."""
        p = self.p
        yield self.race.fired
        elsewhere = self.in_other_force and self.race.fired.value != "self_return"
        mean = p.found_notify_other_force_mean_h if elsewhere else p.found_notify_mean_h
        delay = _scaled(mean, self._notify_e)
        if math.isfinite(delay):
            yield self.env.timeout(delay)
            self.found_notified_at = self.env.now
            arrange = _scaled(p.rhi_arrange_mean_h, self._arrange_e)
            if self._rhi_offered and math.isfinite(arrange):
                yield self.env.timeout(arrange)
                self.rhi_at = self.env.now
        self.finished.succeed()

    def _reach_horizon(self, _event) -> None:
        if not self.ended:
            self.finished.succeed()

    # -- running and reporting -----------------------------------------------------------------
    def simulate(self) -> None:
        """Run the SimPy environment until the episode is over (located and followed up, or the horizon)."""
        self.env.run(until=self.finished)

    def run(self) -> dict:
        self.simulate()
        return self.outcome()

    def outcome(self) -> dict:
        """One row of results (see README, 'mfc simulate', for the meaning of each column)."""
        p = self.p
        located = self.ended
        found_at = self.race.fired_at
        end = found_at if located else p.horizon_h
        return {
            "located": located,
            "hours_to_locate": found_at,
            "located_by": self.race.fired.value if located else "",
            "located_24h": located and found_at <= 24,
            "located_7d": located and found_at <= 7 * 24,
            "located_28d": located and found_at <= 28 * 24,
            "never_located": not located,
            "over_7_days": end > 7 * 24,
            "hours_missing": end,
            "hours_to_report": self.report_time,
            "recorded_absent": self._drawn_absent and self.reported.triggered,
            "graded_high": self.graded_high,
            "strategy_meeting_held": self.meeting_held,
            "leads_arrived": len(self.arrived),
            "reached_other_force": self.in_other_force,
            "hidden_in_exploitation": self.hidden,
            "hours_in_exploitation": end - self.hidden_at if self.hidden else 0.0,
            "turned_18_missing": self.turned_18_missing,
            "immigration_restriction": self.immigration_restriction,
            "home_office_told": self.ho_referred,
            "home_office_contacts": self.ho_contacts,
            "hours_found_to_notified": self.found_notified_at - found_at,
            "rhi_within_72h": (self.rhi_at - found_at <= RHI_LIMIT_H) if located else None,
        }
