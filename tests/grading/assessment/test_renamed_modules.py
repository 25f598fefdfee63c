"""Course roots made before grading/ was split into subpackages keep loading (one release)."""

from __future__ import annotations

import warnings

import pytest
from traitlets.config.loader import PyFileConfigLoader

from grading.assessment import course
from grading.assessment.spec import COURSE_ID

# The nbgrader_config.py that `mfc assess init` wrote before the move, word for word.
OLD_CONFIG = '''
from pathlib import Path

from grading.assessment_course import configure

configure(get_config(), Path(__file__).resolve().parent)  # noqa: F821
'''


def test_an_old_course_roots_config_still_loads(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(OLD_CONFIG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        config = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path)).load_config()
    assert config.CourseDirectory.course_id == COURSE_ID
    assert config.CourseDirectory.root == str(tmp_path)
    assert config.CourseDirectory.db_url == course.gradebook_url(tmp_path)
    assert any("grading.assessment.course" in str(w.message) for w in caught), "the lead is told how to refresh it"


def test_the_old_name_is_the_new_module():
    import grading.assessment_course as old

    assert old is course


def test_a_name_that_never_existed_is_still_an_import_error():
    with pytest.raises(ModuleNotFoundError):
        import grading.assessment_nothing  # noqa: F401
