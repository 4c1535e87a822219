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
