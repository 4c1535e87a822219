"""Writes for accounts: the demo users that `make run` prints."""

import secrets
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from spaceedu.models import User
from spaceedu.roles import TEACHERS_GROUP


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str | None  # None when the account already existed: its password is not known


@transaction.atomic
def demo_users_ensure(*, reset_passwords: bool = False) -> list[DemoLogin]:
    """Create the demo teacher and student once; a new password only when asked."""
    teachers, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    logins = []
    for role, username, first_name, is_staff in (
        ("teacher", "demo-teacher", "Dana", True),
        ("student", "demo-student", "Sam", False),
    ):
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "email": f"{username}@example.com",
                "is_staff": is_staff,
            },
        )
        password = None
        if created or reset_passwords:
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.save(update_fields=["password"])
        if is_staff:
            user.groups.add(teachers)
        logins.append(DemoLogin(role=role, username=username, password=password))
    return logins
