"""The Teachers group and exactly the admin permissions a teacher needs."""

from django.apps import apps as global_apps
from django.apps.registry import Apps

TEACHERS_GROUP = "Teachers"

# Model permissions, by app label and model name. Teachers author content; they never
# manage users, groups or permissions, and they never delete what learners' work points at.
TEACHER_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "lessons": {
        "course": ("add", "change", "view"),
        "lesson": ("add", "change", "view"),
        "factcheck": ("add", "change", "delete", "view"),
    },
    "quizzes": {
        "tag": ("add", "change", "view"),
        "question": ("add", "change", "view"),
        "choice": ("add", "change", "delete", "view"),
        "quiz": ("add", "change", "view"),
        "quizquestion": ("add", "change", "delete", "view"),
    },
    "classrooms": {
        "classroom": ("add", "change", "view"),
        "assignment": ("add", "change", "delete", "view"),
    },
    "catalogue": {
        "agency": ("add", "change", "view"),
        "mission": ("add", "change", "delete", "view"),
        "partnership": ("add", "change", "delete", "view"),
    },
}


def teacher_permission_codenames() -> set[tuple[str, str]]:
    """(app_label, codename) of every permission the Teachers group holds."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in TEACHER_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


def sync_teachers_group(apps: Apps) -> None:
    """Create the Teachers group and give it exactly the teacher permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    wanted = teacher_permission_codenames()
    permissions = [
        permission
        for permission in Permission.objects.filter(
            content_type__app_label__in={app_label for app_label, _ in wanted}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    group.permissions.set(permissions)


def sync_teachers_group_after_migrate(sender, app_config, apps=global_apps, **kwargs) -> None:
    """After every migrate or flush, reset the group to exactly the teacher permissions.

    The migrations leave the group complete (spaceedu 0003). This keeps it in step when a
    model joins TEACHER_PERMISSIONS later, refills it after a test database flush, and
    takes away any permission given to the group by hand in the admin.

    It acts on the signal sent for auth: auth's own handler creates permissions app by
    app, in INSTALLED_APPS order, so by then every app listed before auth (ours) has its
    permissions. A flush sends the signal without `apps`.
    """
    if app_config.label == "auth":
        sync_teachers_group(apps)
