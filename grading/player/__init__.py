"""The scenario player: an ipywidgets widget that plays a case stage by stage, records each
answer and shows feedback that cites the guidance. ``ScenarioPlayer("kim")`` in a notebook cell
(or a Voila page) is all a course page needs."""

from grading.player.widget import ScenarioPlayer

__all__ = ["ScenarioPlayer"]
