"""MODEL.md stays true to the code: its parameter table, streams, channels and presets."""

from __future__ import annotations

from pathlib import Path

import simulations
from simulations.model import CHANNELS, STREAMS
from simulations.parameters import PARAMETER_NAMES
from simulations.presets import PRESET_NAMES, parameter_markdown

MODEL_MD = (Path(simulations.__file__).parent / "MODEL.md").read_text(encoding="utf-8")


def test_the_parameter_table_is_the_code_s():
    assert parameter_markdown() in MODEL_MD, "regenerate the table in MODEL.md from parameter_markdown()"


def test_every_parameter_appears():
    missing = [name for name in PARAMETER_NAMES if f"`{name}`" not in MODEL_MD]
    assert not missing


def test_every_stream_channel_and_preset_is_described():
    for name in (*STREAMS, *CHANNELS, *PRESET_NAMES):
        assert f"`{name}`" in MODEL_MD, name


def test_it_follows_the_stress_des_headings():
    for heading in ("## 1. Objectives", "## 2. Logic", "## 3. Data", "## 4. Experimentation",
                    "## 5. Implementation", "**3.4 Assumptions.**", "**4.2 Run length.**", "**5.2 Random sampling.**"):
        assert heading in MODEL_MD
