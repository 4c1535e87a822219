import time

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from spaceedu.scale import scale_seed


class Command(BaseCommand):
    help = (
        "Add N students in classrooms of 25–40, each with M submitted attempts across the "
        "published quizzes (bulk inserts, for benchmarks; run import_article and "
        "load_question_bank first). Ctrl-C keeps only whole batches."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--students", type=int, required=True)
        parser.add_argument("--attempts-per-student", type=int, default=5)
        parser.add_argument("--batch-size", type=int, default=500, help="students per transaction")
        parser.add_argument("--seed", type=int, default=2026, help="random seed (repeatable)")

    def handle(self, *args, students, attempts_per_student, batch_size, seed, **options) -> None:
        if students < 1 or attempts_per_student < 0 or batch_size < 1:
            raise CommandError("--students and --batch-size must be at least 1.")
        started = time.monotonic()
        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
            TimeRemainingColumn(), transient=False,
        ) as bar:  # fmt: skip
            task = bar.add_task("students", total=students)
            try:
                report = scale_seed(
                    students=students,
                    attempts_per_student=attempts_per_student,
                    batch_size=batch_size,
                    seed=seed,
                    progress=lambda done: bar.advance(task, done),
                )
            except KeyboardInterrupt:
                kept = int(bar.tasks[0].completed)
                raise CommandError(
                    f"Interrupted: {kept} students in whole batches kept; "
                    "the batch in progress was rolled back."
                ) from None
        self.stdout.write(
            f"Added {report.students} students in {report.classrooms} classrooms, "
            f"{report.attempts} attempts, {report.answers} answers "
            f"in {time.monotonic() - started:.1f} s."
        )
