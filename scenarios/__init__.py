"""The case library: scenarios, the action catalogue, the risk scale and the guidance register.

Everything the course teaches is data here, validated on load, so that scoring, notebooks,
the assessment, the carers' pages and the simulation replays all read one source of truth.
This package imports nothing else of ours.

The names below are looked up only when asked for: importing a small module of this package
(a cache key's file list, say) must not load the models and their validation.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {"Library": "scenarios.library", "load_library": "scenarios.library", "ScenarioError": "scenarios.errors"}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'scenarios' has no attribute {name!r}")


__all__ = list(_EXPORTS)
