import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.bank import BankError, bank_load


class Command(BaseCommand):
    help = "Load the authored question bank and its quizzes (idempotent; run import_article first)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="the bank, e.g. fixtures/questions.json")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            bank = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: cannot read the bank ({error}).") from None
        try:
            result = bank_load(bank=bank)
        except (BankError, KeyError, TypeError) as error:
            raise CommandError(f"{path}: {error}. Nothing was loaded.") from None
        self.stdout.write(
            f"Question bank loaded: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
