from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from spaceedu.roles import TEACHERS_GROUP


class User(AbstractUser):
    """A learner or a teacher; teachers are staff members of the Teachers group."""

    email = models.EmailField(_("email address"), blank=True)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    @property
    def is_teacher(self) -> bool:
        return self.is_staff and self.groups.filter(name=TEACHERS_GROUP).exists()
