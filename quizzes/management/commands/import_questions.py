import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.bank import BankError, questions_import
from quizzes.formats import FormatError
from quizzes.formats.aiken import parse_aiken
from quizzes.formats.gift import parse_gift
from quizzes.models import Quiz

PARSERS = {
    "gift": lambda text, category, skipped: parse_gift(
        text, default_category=category, skipped=skipped
    ),
    # Aiken holds single-choice questions only: nothing in it is of an unsupported type.
    "aiken": lambda text, category, skipped: parse_aiken(text, category=category),
}


class Command(BaseCommand):
    help = "Import questions from a GIFT or Aiken file: all or nothing, no duplicates."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=sorted(PARSERS), required=True)
        parser.add_argument("--quiz", metavar="SLUG", help="add the questions to this quiz")
        parser.add_argument("--dry-run", action="store_true", help="check the file, save nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed questions")
        parser.add_argument(
            "--skip-unsupported",
            action="store_true",
            help="leave out essay and description items (listed with their lines) and import "
            "the rest; without it such a file is refused whole",
        )

    def handle(self, *args, path: Path, format: str, quiz: str | None, **options) -> None:
        target = None
        if quiz is not None:
            target = Quiz.objects.filter(slug=quiz).first()
            if target is None:
                raise CommandError(f"No quiz with the slug {quiz!r}.")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read the file ({error}).") from None
        skipped = [] if options["skip_unsupported"] else None
        try:
            questions = PARSERS[format](text, target.slug if target else "default", skipped)
        except FormatError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            if any(problem.unsupported for problem in error.problems):
                self.stderr.write("--skip-unsupported imports the rest and lists what it skips.")
            raise CommandError(
                f"{path}: {len(error.problems)} problem(s); nothing was imported.", returncode=1
            ) from None
        for problem in skipped or []:
            self.stderr.write(f"skipped {problem}")
        if options["json"]:
            self.stdout.write(json.dumps(questions, ensure_ascii=False, indent=2))
        if options["dry_run"]:
            self.stderr.write(f"{path}: {len(questions)} valid questions; nothing was saved.")
            return
        try:
            result = questions_import(questions=questions, quiz=target)
        except BankError as error:
            raise CommandError(f"{path}: {error}; nothing was imported.") from None
        self.stderr.write(
            f"Imported {len(questions)} questions: {result.created} created, "
            f"{result.updated} updated, {result.unchanged} unchanged"
            + (f"; in quiz {target.slug}." if target else ".")
        )
