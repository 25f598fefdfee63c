"""SimPy model of a child's missing episode and the multi-agency response (a teaching model).

The core is importable from here; the lab widget (``simulations.lab``) and the notebook plots
(``simulations.plots``) stay in their own modules so scripts and the CLI do not load ipywidgets.
"""

from simulations.analysis import Comparison, compare, summarise
from simulations.errors import ParameterError
from simulations.parameters import Params
from simulations.presets import PRESET_NAMES, preset_params, without_reported_delays
from simulations.runner import run_replications

__all__ = ["PRESET_NAMES", "Comparison", "ParameterError", "Params", "compare", "preset_params", "run_replications",
           "summarise", "without_reported_delays"]
