"""Give the Teachers group all its permissions, once every app it covers has its models."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def complete_teachers_group(apps, schema_editor):
    from spaceedu.roles import TEACHER_PERMISSIONS, sync_teachers_group

    # 0002 depends on lessons alone, so it can run before quizzes and classrooms have their
    # tables (`migrate spaceedu` on an empty database does): the group then held lessons'
    # permissions only, until post_migrate. Permissions are normally created after the
    # whole migrate run; create the group's here, where every app it covers is migrated.
    for app_label in TEACHER_PERMISSIONS:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    sync_teachers_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("spaceedu", "0002_teachers_group"),
        ("quizzes", "0002_add_review_card"),
        ("classrooms", "0001_initial_classrooms"),
    ]

    # Going back keeps the group whole; 0002's reverse is what removes it.
    operations = [migrations.RunPython(complete_teachers_group, migrations.RunPython.noop)]
