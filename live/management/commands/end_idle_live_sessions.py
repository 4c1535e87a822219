from django.core.management.base import BaseCommand

from live.services import end_idle_sessions


class Command(BaseCommand):
    help = "End the live quizzes nobody has touched for LIVE_IDLE_MINUTES (frees their PINs)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{end_idle_sessions()} idle live session(s) ended.")
