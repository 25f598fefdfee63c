"""The case library: scenarios, the action catalogue, the risk scale and the guidance register.

Everything the course teaches is data here, validated on load, so that scoring, notebooks,
the assessment, the carers' pages and the simulation replays all read one source of truth.
This package imports nothing else of ours.
"""

from scenarios.errors import ScenarioError
from scenarios.library import Library, load_library

__all__ = ["Library", "ScenarioError", "load_library"]
