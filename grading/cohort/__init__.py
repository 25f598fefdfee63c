"""A cohort's answers, read together: what a trainer and a course lead want to know.

- :mod:`~grading.cohort.table`: every answers file of a cohort folder as one tidy table;
- :mod:`~grading.cohort.stats` and :mod:`~grading.cohort.agreement`: rates, scores and Fleiss' kappa;
- :mod:`~grading.cohort.plots` and :mod:`~grading.cohort.report`: charts and the HTML report;
- :mod:`~grading.cohort.pseudonyms`: stable pseudonyms for trainees on a shared screen;
- :mod:`~grading.cohort.synthetic`: made-up cohorts for demonstrations and benchmarks;
- :mod:`~grading.cohort.nbgrader_marks`: the assessment's marks read from nbgrader's gradebook;
- :mod:`~grading.cohort.lms_csv`: the learning-system grade CSV and its template.
"""
