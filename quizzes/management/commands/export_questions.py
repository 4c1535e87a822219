from django.core.management.base import BaseCommand, CommandError

from quizzes.bank import WRITERS, questions_export
from quizzes.formats import FormatError
from quizzes.models import Question, Quiz


class Command(BaseCommand):
    help = "Print questions (all, or one quiz's) as GIFT or Aiken."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=sorted(WRITERS), required=True)
        parser.add_argument("--quiz", metavar="SLUG", help="only this quiz's questions")

    def handle(self, *args, format: str, quiz: str | None, **options) -> None:
        questions = Question.objects.all()
        if quiz is not None:
            target = Quiz.objects.filter(slug=quiz).first()
            if target is None:
                raise CommandError(f"No quiz with the slug {quiz!r}.")
            questions = questions.filter(quizzes=target)
        writer, types = WRITERS[format]
        data, _ = questions_export(questions)
        kept = [item for item in data if item["type"] in types]
        if len(kept) < len(data):
            self.stderr.write(
                f"Left out {len(data) - len(kept)} question(s) that {format.upper()} cannot "
                f"express ({', '.join(sorted({i['type'] for i in data} - types))})."
            )
        try:
            self.stdout.write(writer(kept), ending="")
        except FormatError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError("Nothing was exported.", returncode=1) from None
