"""seed_scale: classrooms of 25–40, graded attempts, whole batches only."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count

from classrooms.models import Classroom, Membership
from quizzes.models import Answer, Attempt
from quizzes.services import answer_grade
from spaceedu.models import User
from spaceedu.scale import scale_seed

pytestmark = pytest.mark.django_db

SCALE_USERS = {"username__startswith": "scale-", "is_staff": False}


def test_students_land_in_classrooms_of_25_to_40_with_graded_attempts(bank):
    report = scale_seed(students=90, attempts_per_student=3, batch_size=50)
    assert report.students == User.objects.filter(**SCALE_USERS).count() == 90
    sizes = Classroom.objects.filter(name__startswith="Scale ").annotate(n=Count("memberships"))
    assert sum(c.n for c in sizes) == 90
    assert len(sizes) >= 3
    assert all(25 <= c.n <= 40 for c in sizes)
    assert report.attempts == Attempt.objects.filter(user__username__startswith="scale-").count()
    assert report.attempts == 90 * 3
    assert (
        report.answers
        == Answer.objects.filter(attempt__user__username__startswith="scale-").count()
    )


def test_stored_scores_equal_regrading_the_stored_answers(bank):
    scale_seed(students=30, attempts_per_student=4)
    attempts = Attempt.objects.filter(user__username__startswith="scale-").prefetch_related(
        "answers__question__choices"
    )
    for attempt in attempts:
        answers = list(attempt.answers.all())
        assert answers
        for answer in answers:
            assert answer.score == answer_grade(answer)
        mean = sum((a.score for a in answers), Decimal(0)) / len(answers)
        assert attempt.score == mean.quantize(Decimal("0.0001"))
        assert attempt.state == Attempt.State.SUBMITTED


def test_the_final_exam_limit_is_kept(bank):
    scale_seed(students=30, attempts_per_student=40)
    over = (
        Attempt.objects.filter(
            user__username__startswith="scale-", quiz__max_attempts__isnull=False
        )
        .values("user", "quiz", "quiz__max_attempts")
        .annotate(n=Count("pk"))
    )
    assert over and all(row["n"] <= row["quiz__max_attempts"] for row in over)


def test_an_interruption_keeps_whole_batches_only(bank, monkeypatch):
    """Ctrl-C during the second batch's answers: the first batch stays, nothing of the second."""
    real_bulk_create = Answer.objects.bulk_create
    calls = []

    def interrupted(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(Answer.objects, "bulk_create", interrupted)
    done = []
    with pytest.raises(KeyboardInterrupt):
        scale_seed(students=120, attempts_per_student=2, batch_size=40, progress=done.append)
    kept = User.objects.filter(**SCALE_USERS).count()
    assert kept == sum(done) > 0
    assert Membership.objects.filter(user__username__startswith="scale-").count() == kept
    assert not Attempt.objects.filter(
        user__username__startswith="scale-", answers__isnull=True
    ).exists()
    assert Attempt.objects.filter(user__username__startswith="scale-").count() == kept * 2


def test_the_command_reports_what_it_added(bank, capsys):
    call_command("seed_scale", "--students", "30", "--attempts-per-student", "1")
    assert "Added 30 students in 1 classrooms, 30 attempts" in capsys.readouterr().out
