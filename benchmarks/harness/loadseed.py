"""Seed the load test's database: the course, the question bank and N students.

python -m <package>.loadseed N USERS.json
"""

import io
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{__package__}.settings")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402

from spaceedu.models import User  # noqa: E402

from .seed import PASSWORD  # noqa: E402


def main(count: str, out: str) -> None:
    quiet = io.StringIO()
    call_command("migrate", verbosity=0)
    call_command("import_article", "fixtures/article.txt", stdout=quiet)
    call_command("load_question_bank", "fixtures/questions.json", stdout=quiet)
    password = make_password(PASSWORD)
    users = User.objects.bulk_create(
        [
            User(
                username=f"exam-{i:05d}",
                first_name="Exam",
                last_name=f"Taker {i}",
                email=f"exam-{i:05d}@example.invalid",
                password=password,
            )
            for i in range(int(count))
        ],  # fmt: skip
        batch_size=1000,
    )
    with open(out, "w") as handle:
        json.dump({"password": PASSWORD, "users": [u.username for u in users]}, handle)


if __name__ == "__main__":
    main(*sys.argv[1:])
