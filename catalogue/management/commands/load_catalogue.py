import json

from django.core.management.base import BaseCommand, CommandError

from catalogue.services import CatalogueError, catalogue_load


class Command(BaseCommand):
    help = "Load the missions and agencies catalogue (fixtures/catalogue.json); idempotent."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="fixtures/catalogue.json")

    def handle(self, *args, path: str, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            result = catalogue_load(data=data)
        except (OSError, ValueError, KeyError, CatalogueError) as error:
            raise CommandError(f"{path}: {error}") from error
        self.stdout.write(
            f"Catalogue: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
