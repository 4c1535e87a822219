"""The benchmark's simulated learner fills a page's answer form as a learner would."""

import importlib.util
from pathlib import Path

from django.conf import settings

FORMS = Path(settings.BASE_DIR) / "benchmarks" / "harness" / "forms.py"


def _form_fields():
    spec = importlib.util.spec_from_file_location("bench_forms", FORMS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.form_fields


PAGE = """
<form method="post" action="/quizzes/attempts/7/save/">
  <input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input type="checkbox" name="flag-1" value="1">
  <input type="radio" name="q1" value="3"><input type="radio" name="q1" value="4">
  <input type="checkbox" name="flag-2" value="1">
  <select name="q2-0"><option value="">Choose</option><option value="1">1</option>
    <option value="2">2</option></select>
  <select name="q2-1"><option value="">Choose</option><option value="1">1</option>
    <option value="2">2</option></select>
</form>
"""


def test_the_simulated_learner_answers_and_leaves_flag_for_later_alone():
    """A flag counted as a question took one of each load-test student's five answers."""
    action, fields = _form_fields()(PAGE, "/save/")
    assert action == "/quizzes/attempts/7/save/"
    assert fields == {"csrfmiddlewaretoken": "t", "q1": "3", "q2-0": "1", "q2-1": "2"}
