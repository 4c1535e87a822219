from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from spaceedu.roles import TEACHERS_GROUP


class UserQuerySet(models.QuerySet):
    def teachers(self) -> "UserQuerySet":
        """Who is a teacher: a staff member of the Teachers group. The one definition."""
        return self.filter(is_staff=True, groups__name=TEACHERS_GROUP).distinct()


class TeacherAwareUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A learner or a teacher; teachers are staff members of the Teachers group."""

    email = models.EmailField(_("email address"), blank=True)

    objects = TeacherAwareUserManager()

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @cached_property
    def is_teacher(self) -> bool:
        """The same rule as ``User.objects.teachers()``, asked once per request's user."""
        return self.is_staff and type(self).objects.teachers().filter(pk=self.pk).exists()
