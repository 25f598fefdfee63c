"""Grading: scoring answers against the case library, and keeping trainees' answers safe.

The core, which everything else builds on so that an answer earns the same mark wherever it is
scored: :mod:`grading.marks` (what scoring returns), :mod:`grading.rubric` (the scoring rules:
pure, no randomness, no I/O), :mod:`grading.answer_key` (a cohort scored fast) and
:mod:`grading.answers` (one JSON answers file per trainee per scenario, written atomically).

Built on it: :mod:`grading.player` (the scenario player widget), :mod:`grading.selfcheck` (the
closing page's self-check), :mod:`grading.assessment` (the nbgrader assessment) and
:mod:`grading.cohort` (cohort tables, statistics and reports).

Nothing is imported here, so importing one piece does not pay for the others; only the finder for
last release's module names is installed (see :mod:`grading.renamed`).
"""

from grading import renamed

renamed.install()
