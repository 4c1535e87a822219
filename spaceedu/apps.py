from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SpaceEduConfig(AppConfig):
    name = "spaceedu"
    verbose_name = _("SpaceEdu")

    def ready(self) -> None:
        from spaceedu import checks  # noqa: F401 - registers the system checks
        from spaceedu.roles import sync_teachers_group_after_migrate

        post_migrate.connect(sync_teachers_group_after_migrate, dispatch_uid="spaceedu-teachers")
