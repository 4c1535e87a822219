"""Create the Teachers group with exactly the admin permissions a teacher needs."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_teachers_group(apps, schema_editor):
    from spaceedu.roles import TEACHER_PERMISSIONS, sync_teachers_group

    # Permissions are normally created after the whole migrate run; create the ones
    # this group needs now so that the group is complete from this migration on.
    for app_label in TEACHER_PERMISSIONS:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    sync_teachers_group(apps)


def remove_teachers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Teachers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("spaceedu", "0001_initial_user"),
        ("lessons", "0001_initial_lessons"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_teachers_group, remove_teachers_group)]
