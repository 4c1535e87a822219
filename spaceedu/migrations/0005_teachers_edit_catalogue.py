"""Give the Teachers group the catalogue's permissions (missions, agencies, partnerships)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_catalogue(apps, schema_editor):
    from spaceedu.roles import TEACHER_PERMISSIONS, sync_teachers_group

    # As in 0003: create the permissions of every app the group covers here, where they are
    # all migrated, instead of waiting for post_migrate.
    for app_label in TEACHER_PERMISSIONS:
        create_permissions(global_apps.get_app_config(app_label), apps=apps, verbosity=0)
    sync_teachers_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("spaceedu", "0004_user_teachers_queryset"),
        ("catalogue", "0001_initial_catalogue"),
    ]

    operations = [migrations.RunPython(grant_catalogue, migrations.RunPython.noop)]
