"""The one error type the simulation raises for bad input.

Trainers type parameter names into a command line or a notebook; a misspelt name or an
impossible value must come back as one readable line naming the culprit, never a traceback
deep inside SimPy. The CLI turns this error into ``mfc simulate: <message>`` and exit 2.
"""

from __future__ import annotations


class ParameterError(ValueError):
    """A parameter name, value or preset the model cannot accept; the message is one line."""
