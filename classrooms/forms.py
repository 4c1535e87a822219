from django import forms
from django.utils.translation import gettext_lazy as _

from classrooms.models import Classroom
from lessons.models import Lesson
from quizzes.models import Quiz


class ClassroomForm(forms.ModelForm):
    """A new classroom: a name and, if wanted, a description."""

    class Meta:
        model = Classroom
        fields = ("name", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"description": _("Optional: when and where the class meets, say.")}


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=32,
        help_text=_("The code your teacher gave you, for example ACK-7X3P."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class CoTeacherForm(forms.Form):
    username = forms.CharField(label=_("Teacher's username"), max_length=150)


class AssignmentForm(forms.Form):
    """One lesson or quiz, picked from one list, with an optional due date."""

    item = forms.ChoiceField(label=_("Lesson or quiz"))
    due_at = forms.DateTimeField(
        label=_("Due (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    instructions = forms.CharField(
        label=_("Instructions (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to do and why, in Markdown."),
    )
    students = forms.MultipleChoiceField(
        label=_("Only for (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty to assign it to the whole class."),
    )

    def __init__(
        self, *args, lessons: list[Lesson], quizzes: list[Quiz], students=(), **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self._lessons = {f"lesson:{lesson.pk}": lesson for lesson in lessons}
        self._quizzes = {f"quiz:{quiz.pk}": quiz for quiz in quizzes}
        self._students = {str(user.pk): user for user in students}
        in_lessons = [(k, q.title) for k, q in self._quizzes.items() if q.lesson_id is not None]
        exams = [(k, q.title) for k, q in self._quizzes.items() if q.lesson_id is None]
        self.fields["item"].choices = [
            ("", _("Choose…")),
            (_("Lessons"), [(key, lesson.title) for key, lesson in self._lessons.items()]),
            (_("Lesson quizzes"), in_lessons),
            (_("Exams"), exams),
        ]
        self.fields["students"].choices = [
            (key, user.get_full_name() or user.username) for key, user in self._students.items()
        ]
        if not self._students:
            del self.fields["students"]

    def clean(self) -> dict:
        data = super().clean()
        key = data.get("item")
        data["lesson"] = self._lessons.get(key)
        data["quiz"] = self._quizzes.get(key)
        data["chosen"] = [self._students[key] for key in data.get("students", [])]
        return data


class MarkForm(forms.Form):
    """A teacher's mark for one question of an attempt, as a percentage, with a comment."""

    percent = forms.DecimalField(
        label=_("Mark (%)"), min_value=0, max_value=100, decimal_places=2, max_digits=5
    )
    comment = forms.CharField(
        label=_("Comment for the student"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AccommodationForm(forms.Form):
    """Extra time (minutes, or a factor on the time limit) and extra attempts for a student,
    or the whole class, at one quiz or every quiz."""

    student = forms.ChoiceField(label=_("For"), required=False)
    quiz = forms.ChoiceField(label=_("Quiz"), required=False)
    extra_minutes = forms.IntegerField(
        label=_("Extra minutes"), min_value=0, max_value=600, initial=0
    )
    time_factor = forms.DecimalField(
        label=_("Time factor"),
        min_value=1,
        max_value=4,
        decimal_places=2,
        max_digits=3,
        initial=1,
        help_text=_("1.25 gives a quarter more time; 1.5 half as much again."),
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )
    extra_attempts = forms.IntegerField(
        label=_("Extra attempts"), min_value=0, max_value=20, initial=0
    )

    def __init__(self, *args, students: list, quizzes: list[Quiz], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._students = {str(user.pk): user for user in students}
        self._quizzes = {str(quiz.pk): quiz for quiz in quizzes}
        self.fields["student"].choices = [("", _("The whole class"))] + [
            (key, user.get_full_name() or user.username) for key, user in self._students.items()
        ]
        self.fields["quiz"].choices = [("", _("Every quiz"))] + [
            (key, quiz.title) for key, quiz in self._quizzes.items()
        ]

    def clean(self) -> dict:
        data = super().clean()
        data["user"] = self._students.get(data.get("student") or "")
        data["quiz_obj"] = self._quizzes.get(data.get("quiz") or "")
        return data
