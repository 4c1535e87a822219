from django.core.management.base import BaseCommand

from catalogue.generation import POOL_NAME
from catalogue.services import questions_generate


class Command(BaseCommand):
    help = "Write the “Missions and partnerships” question pool from the catalogue; idempotent."

    def handle(self, *args, **options):
        result = questions_generate()
        self.stdout.write(
            f"{POOL_NAME}: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.kept} kept as a teacher edited them, "
            f"{result.retired} disabled."
        )
