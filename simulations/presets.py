"""Named starting points: practice as the 2016 study found it, today's good practice, and
replays of three children's cases from *Heading back to harm*.

Each preset changes some parameters away from the defaults (which are ``practice-2016``), and
every change carries its own citation or its reason for being assumed, so any view of a
preset can say which of its numbers come from the guidance.

Replays also list *remedies*: the values the parameters the report criticises would have had
under the guidance. ``without_reported_delays("kim")`` is Kim's case with those remedies, so a
paired comparison shows what the delays the report describes cost her, in this model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from simulations.errors import ParameterError
from simulations.parameters import PARAMETER_NAMES, Params, citations_of, describe, is_assumed, kind_of, source_of


@dataclass(frozen=True)
class Setting:
    """One value a preset sets, with its provenance (``assumption`` empty means cited)."""

    value: float
    cites: tuple[str, ...] = ()
    assumption: str = ""


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    settings: dict[str, Setting] = field(default_factory=dict)
    remedies: dict[str, Setting] = field(default_factory=dict)


GP = "GP2024 §The missing investigation"
REC5 = "HBTH2016 §Recommendation 5: Risk assessment"
KIM = "HBTH2016 §Case study: Kim"
KOJO = "HBTH2016 §Case study: Kojo"
BAO = "HBTH2016 §Case study: Bao"
NEVER = float("inf")

_GOOD_PRACTICE = {
    "carer_notice_mean_h": Setting(1.0, ("HO2025 §Risk in the first 48 hours",),
                                   "close supervision in the first weeks means an absence is noticed within the hour"),
    "p_report_at_once": Setting(1.0, ("WF2026 §Reasonable Carer Actions", REC5)),
    "carer_checks_h": Setting(2.0, ("WF2026 §Joint Responsibility",)),
    "p_recorded_absent": Setting(0.0, ("WF2026 §Risk Assessment", REC5)),
    "reclassify_delay_h": Setting(0.0, (REC5,)),
    "p_graded_high": Setting(1.0, (REC5,)),
    "photo_on_file": Setting(1.0, ("NSPCC-CTAC §Identification records",
                                   "GP2024 §Preparing for an effective missing investigation")),
    "photo_delay_h": Setting(0.0, (GP,)),
    "phone_on_file": Setting(0.8, ("NSPCC-CTAC §Phones and social media",),
                             "numbers are recorded whenever the child has a phone; most do"),
    "phone_delay_h": Setting(0.0, (GP,)),
    "social_media_on_file": Setting(0.7, ("NSPCC-CTAC §Phones and social media",),
                                    "accounts are recorded when the child shares them"),
    "social_media_delay_h": Setting(0.0, (GP,)),
    "contacts_on_file": Setting(0.8, ("GP2024 §Preparing for an effective missing investigation",),
                                "gathered in the first visits; some children have no known contacts"),
    "contacts_delay_h": Setting(0.0, (GP,)),
    "family_ask_delay_h": Setting(24.0, (GP,), "family are asked at the first strategy meeting"),
    "philomena_on_file": Setting(1.0, ("WF2026 §Philomena Protocol", GP)),
    "strategy_meeting_h": Setting(24.0, ("WF2026 §Strategy Meetings",
                                         "GP2024 §Preparing for an effective missing investigation")),
    "cross_force_delay_h": Setting(12.0, (GP,), "other forces prioritise the request; half a day is assumed"),
    "adult_effort_factor": Setting(1.0, (REC5,)),
    "found_notify_mean_h": Setting(4.0, (GP, "WF2026 §Found by the Police or Local Authority"),
                                   "the same day; four hours is assumed"),
    "found_notify_other_force_mean_h": Setting(8.0, (GP,), "the same day; eight hours is assumed"),
    "p_rhi_offered": Setting(1.0, ("WF2026 §Return Home Interviews",)),
    "rhi_arrange_mean_h": Setting(24.0, ("WF2026 §Return Home Interviews",),
                                  "arranged the next day, inside the 72-hour limit"),
    "ho_referral_delay_h": Setting(24.0, ("HO2025 §Local authority and health responsibilities",
                                          "WF2026 §Children Subject to Immigration Restriction"),
                                   "the authority tells the Home Office when it reports; a day is assumed"),
    "p_nrm_referred": Setting(1.0, ("HBTH2016 §3.3 Identification and age assessment",
                                    "HBTH2016 §2.2 Local authority data")),
    "nrm_referral_delay_h": Setting(24.0, ("HBTH2016 §3.3 Identification and age assessment",),
                                    "the social worker refers when the child is reported; a day is assumed"),
}

_STRONG_PULL = "traffickers were in contact before she left; a strong pull is assumed"

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("practice-2016", "Practice as Heading back to harm found it (2014-15): checks before reporting, "
               "'absent' recording, leads held back, late found-notifications. The model's defaults."),
        Preset("good-practice", "The guidance today (GP2024, WF2026, NSPCC-CTAC): records gathered on arrival, "
               "Philomena form, strategy meeting within 24 hours, immediate sharing, same-day found-notification.",
               _GOOD_PRACTICE),
        Preset(
            "kim",
            "Replay of Kim's case: seen leaving at night, treated as an 'absconder' for weeks, a phone the social "
            "workers did not know about.",
            {
                "carer_notice_mean_h": Setting(0.0, (KIM,)),
                "p_report_at_once": Setting(1.0, (KIM,), "the police were given the car's number plate; "
                                                                       "an immediate report is assumed"),
                "p_recorded_absent": Setting(1.0, (KIM,)),
                "reclassify_delay_h": Setting(504.0, (KIM,), "the report says several weeks; read as three"),
                "phone_on_file": Setting(1.0, (KIM,)),
                "phone_delay_h": Setting(NEVER, (KIM,)),
                "contacts_on_file": Setting(1.0, (KIM,), "the car's number plate is treated as a contact lead"),
                "contacts_delay_h": Setting(0.0, (KIM,)),
                "strategy_meeting_h": Setting(NEVER, (KIM,), "the report describes no meeting, only NGO workers "
                                                             "and lawyers persuading the police"),
                "pull_rate_first_48h_per_h": Setting(0.05, (KIM,), _STRONG_PULL),
                "p_immigration_restriction": Setting(1.0, (KIM,)),
                "age_min_years": Setting(15.0, (KIM,)),
                "age_max_years": Setting(15.0, (KIM,)),
            },
            {
                "p_recorded_absent": Setting(0.0, (REC5,)),
                "reclassify_delay_h": Setting(0.0, (REC5,)),
                "phone_delay_h": Setting(0.0, (GP, "NSPCC-CTAC §Phones and social media")),
                "strategy_meeting_h": Setting(24.0, ("WF2026 §Strategy Meetings",)),
            },
        ),
        Preset(
            "kojo",
            "Replay of Kojo's case: age-assessed as an adult, moved to semi-independent accommodation, "
            "no known investigation.",
            {
                "carer_notice_mean_h": Setting(24.0, (KOJO,), "no carer on site in semi-independent accommodation"),
                "p_report_at_once": Setting(0.0, (KOJO,), "staff are assumed to check first"),
                "carer_checks_h": Setting(24.0, (KOJO,), "a day of checks is assumed"),
                "age_min_years": Setting(23.0, (KOJO,)),
                "age_max_years": Setting(23.0, (KOJO,)),
                "strategy_meeting_h": Setting(NEVER, (KOJO,), "the report records no referral or investigation; "
                                                               "no meeting is assumed"),
                "pull_rate_first_48h_per_h": Setting(0.05, (KOJO,),
                                                     "traffickers had taken him back before; a strong pull is assumed"),
                "p_immigration_restriction": Setting(1.0, (KOJO,)),
            },
            {
                "age_min_years": Setting(15.0, (KOJO, "HBTH2016 §Age disputes and assessment")),
                "age_max_years": Setting(15.0, (KOJO, "HBTH2016 §Age disputes and assessment")),
                "strategy_meeting_h": Setting(24.0, ("WF2026 §Strategy Meetings",)),
                "carer_checks_h": Setting(2.0, ("WF2026 §Joint Responsibility",)),
            },
        ),
        Preset(
            "bao",
            "Replay of Bao's case: the phone he had been given before the journey rang in the foster home, "
            "it was taken away, and within weeks of coming into care he had gone.",
            {
                "phone_on_file": Setting(1.0, (BAO,)),
                "phone_delay_h": Setting(NEVER, (BAO,), "the report does not say the number reached the police"),
                "strategy_meeting_h": Setting(NEVER, (BAO,), "the report mentions no meeting or enquiries"),
                "pull_rate_first_48h_per_h": Setting(0.05, (BAO,),
                                                     "he was given a SIM card and told someone would call; "
                                                     "the phone rang in care; a strong pull is assumed"),
                "p_immigration_restriction": Setting(1.0, (BAO,)),
                "age_min_years": Setting(15.0, (BAO,)),
                "age_max_years": Setting(15.0, (BAO,)),
            },
            {
                "phone_delay_h": Setting(0.0, ("NSPCC-CTAC §Phones and social media", GP)),
                "strategy_meeting_h": Setting(24.0, ("WF2026 §Strategy Meetings",)),
                "p_graded_high": Setting(1.0, (REC5,)),
            },
        ),
    ]
}
PRESET_NAMES = tuple(PRESETS)
# What a trainee sees instead of the preset's name (which stays the command line's and the files').
PRESET_LABELS = {"practice-2016": "Practice in 2016", "good-practice": "Good practice today",
                 "kim": "Kim's case", "kojo": "Kojo's case", "bao": "Bao's case"}


def preset_label(name: str) -> str:
    """A preset as a trainee reads it: 'Kim's case', not ``kim``."""
    return PRESET_LABELS[preset(name).name]


def preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ParameterError(f"unknown preset {name!r}; known: {', '.join(PRESET_NAMES)}") from None


def preset_params(name: str, **changes: float) -> Params:
    """The parameters of a preset, with optional changes (checked like any assignment)."""
    values = {key: s.value for key, s in preset(name).settings.items()}
    return Params(**values).replace(**changes) if changes else Params(**values)


def without_reported_delays(name: str) -> Params:
    """A replay with the failures the report describes put right (the preset's remedies)."""
    remedies = preset(name).remedies
    if not remedies:
        raise ParameterError(f"preset {name!r} is not a case replay; replays: "
                             f"{', '.join(n for n, p in PRESETS.items() if p.remedies)}")
    return preset_params(name, **{key: s.value for key, s in remedies.items()})


def _provenance(name: str, setting: Setting | None) -> tuple[str, bool]:
    if setting is None:
        return source_of(name), is_assumed(name)
    return source_of(name, setting.cites, setting.assumption), bool(setting.assumption)


def parameter_table(name: str = "practice-2016", params: Params | None = None) -> pd.DataFrame:
    """Every parameter of a preset (or of ``params`` started from it): value, unit, source, and
    whether the value is an assumption. Values that differ from the preset are marked 'changed'."""
    settings = preset(name).settings
    base = preset_params(name)
    params = params or base
    rows = []
    for key in PARAMETER_NAMES:
        value = getattr(params, key)
        changed = value != getattr(base, key)
        source, assumed = _provenance(key, settings.get(key))
        if changed:
            source, assumed = "changed for this run (a what-if, not a finding)", True
        rows.append({"parameter": key, "value": value, "unit": kind_of(key).unit, "meaning": describe(key),
                     "assumed": assumed, "source": source, "set_by": "you" if changed else
                     (name if key in settings else "default")})
    return pd.DataFrame(rows)


def all_citations():
    """Every citation the parameters and presets make, as (where, citation), for checking
    against the guidance register."""
    for name in PARAMETER_NAMES:
        for cite in citations_of(name):
            yield f"parameter {name}", cite
    for p in PRESETS.values():
        for group, settings in (("settings", p.settings), ("remedies", p.remedies)):
            for name, setting in settings.items():
                for cite in setting.cites:
                    yield f"preset {p.name} {group} {name}", cite


def _shown(value: float) -> str:
    return "never" if math.isinf(value) else f"{value:g}"


def parameter_markdown() -> str:
    """The parameter table of MODEL.md (a test keeps the file equal to this)."""
    default, good = preset_params("practice-2016"), PRESETS["good-practice"].settings
    lines = ["| parameter | unit | practice-2016 (default) | good-practice (* assumed) | meaning "
             "| source of the default |", "|---|---|---|---|---|---|"]
    for name in PARAMETER_NAMES:
        setting = good.get(name)
        new = "same" if setting is None else _shown(setting.value) + ("*" if setting.assumption else "")
        lines.append(f"| `{name}` | {kind_of(name).unit} | {_shown(getattr(default, name))} | {new} "
                     f"| {describe(name)} | {source_of(name)} |")
    return "\n".join(lines)
