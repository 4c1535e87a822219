import factory
from django.contrib.auth.models import Group

from lessons.models import Course, Lesson, LessonProgress
from spaceedu.models import User
from spaceedu.roles import TEACHERS_GROUP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    first_name = factory.Faker("first_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery")


class TeacherFactory(UserFactory):
    username = factory.Sequence(lambda n: f"teacher{n}")
    is_staff = True

    @factory.post_generation
    def teachers_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=TEACHERS_GROUP))


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        django_get_or_create = ("slug",)

    slug = "space-partnerships"
    title = "Exploring the cosmos together"


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lesson {n + 1}")
    slug = factory.Sequence(lambda n: f"lesson-{n + 1}")
    subtitle = "A subtitle"
    paragraphs = factory.LazyFunction(
        lambda: ["The ISS is crewed continuously since 2000.", "Rosetta reached its comet."]
    )


class LessonProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonProgress

    user = factory.SubFactory(UserFactory)
    lesson = factory.SubFactory(LessonFactory)
    started_at = factory.Faker("date_time_this_year", tzinfo=__import__("datetime").UTC)
    completed_at = None


# --- Quizzes -------------------------------------------------------------------------------------


class QuestionFactory(factory.django.DjangoModelFactory):
    """A single-choice question; pass ``choices=[(text, fraction), ...]`` to set its choices."""

    class Meta:
        model = "quizzes.Question"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"question-{n}")
    category = "tests"
    type = "single"
    text = factory.Sequence(lambda n: f"Which answer is number {n}?")
    general_feedback = "Because the lesson says so."

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if not create:
            return
        rows = extracted if extracted is not None else [("Alpha", 1), ("Beta", 0), ("Gamma", 0)]
        for position, (text, fraction) in enumerate(rows):
            ChoiceFactory(question=self, position=position, text=text, fraction=fraction)


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.Choice"

    question = factory.SubFactory(QuestionFactory, choices=[])
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Choice {n}")
    fraction = 0


class QuizFactory(factory.django.DjangoModelFactory):
    """A quiz; pass ``questions=[...]`` to attach questions in that order."""

    class Meta:
        model = "quizzes.Quiz"
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.Sequence(lambda n: f"Quiz {n}")
    instructions = "Answer every question."

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if create and extracted:
            for position, question in enumerate(extracted, start=1):
                QuizQuestionFactory(quiz=self, question=question, position=position)


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quizzes.QuizQuestion"

    quiz = factory.SubFactory(QuizFactory)
    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)
