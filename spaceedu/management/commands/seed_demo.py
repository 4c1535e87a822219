from django.core.management.base import BaseCommand

from spaceedu.demo import demo_classroom_ensure
from spaceedu.models import User
from spaceedu.services import demo_users_ensure


class Command(BaseCommand):
    help = (
        "Create the demo teacher, student and a classroom of 25 students at every stage "
        "(idempotent; run import_article and load_question_bank first). Prints new logins once."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="give the demo accounts new passwords and print them",
        )

    def handle(self, *args, reset_passwords: bool, **options) -> None:
        for login in demo_users_ensure(reset_passwords=reset_passwords):
            if login.password:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo {login.role}: username {login.username}  password {login.password}"
                    )
                )
            else:
                self.stdout.write(
                    f"Demo {login.role} {login.username} already exists "
                    "(seed_demo --reset-passwords prints a new password)."
                )
        classroom, created = demo_classroom_ensure(
            teacher=User.objects.get(username="demo-teacher"),
            student=User.objects.get(username="demo-student"),
        )
        state = "created" if created else "already there"
        self.stdout.write(
            f"Demo classroom “{classroom.name}” ({state}): join code {classroom.join_code}, "
            f"{classroom.memberships.count()} students."
        )
