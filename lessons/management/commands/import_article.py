import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lessons.importer import ArticleError
from lessons.services import FactCheckError, FactCheckNote, KeyIdeasError, article_import

DEFAULT_FACT_CHECKS = Path(settings.BASE_DIR) / "fixtures" / "fact_checks.json"
DEFAULT_KEY_IDEAS = Path(settings.BASE_DIR) / "fixtures" / "key_ideas.json"


def read_fact_checks(path: Path) -> list[FactCheckNote]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["fact_checks"]
        return [FactCheckNote(quote=item["quote"], note=item["note"]) for item in items]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CommandError(f"{path}: not a valid fact-check file ({error}).") from None


def read_key_ideas(path: Path) -> dict[str, list[str]]:
    try:
        items = json.loads(path.read_text(encoding="utf-8"))["key_ideas"]
        if not all(
            isinstance(ideas, list) and all(isinstance(idea, str) for idea in ideas)
            for ideas in items.values()
        ):
            raise TypeError("each lesson needs a list of sentences")
        return {str(slug): ideas for slug, ideas in items.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CommandError(f"{path}: not a valid key-ideas file ({error}).") from None


class Command(BaseCommand):
    help = "Build or update the course from the article (idempotent; learners' progress is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="the article, as plain text")
        parser.add_argument(
            "--fact-checks",
            type=Path,
            default=DEFAULT_FACT_CHECKS,
            help="JSON file of corrections to show beside the article (default: %(default)s)",
        )
        parser.add_argument(
            "--key-ideas",
            type=Path,
            default=DEFAULT_KEY_IDEAS,
            help="JSON file of each lesson's key ideas; fills only empty boxes "
            "(default: %(default)s)",
        )

    def handle(self, *args, path: Path, fact_checks: Path, key_ideas: Path, **options) -> None:
        notes = read_fact_checks(fact_checks)
        ideas = read_key_ideas(key_ideas)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot read the article ({error}).") from None
        try:
            result = article_import(text=text, fact_checks=notes, key_ideas=ideas)
        except (ArticleError, FactCheckError, KeyIdeasError) as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        self.stdout.write(
            f"Course imported: {result.created} lessons created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.unpublished} unpublished; "
            f"{result.fact_checks} fact checks; key ideas filled for {result.key_ideas} lessons."
        )
