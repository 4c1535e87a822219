"""Concurrent saves and submits on SQLite, the default database: no "database is locked".

The suite's SQLite database lives in memory, where threads cannot race as they do on a file,
so the races run in a process of their own on a SQLite file, with the site's settings.
SECURITY 5: concurrent final submits give one grade and no 500; SECURITY 6: concurrent
starts never pass the attempt limit.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
THREADS = 20


def test_twenty_concurrent_saves_submits_and_starts_on_a_sqlite_file(tmp_path):
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.quizzes.sqlite_race", str(THREADS)],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "spaceedu.settings",
            "SECRET_KEY": "k" * 50,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
            "LOG_LEVEL": "WARNING",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.splitlines()[-1])
    # One save wins; every other tab is told its page is out of date, none hits a lock.
    assert report["saves"] == {"StaleForm": THREADS - 1}
    assert report["submits"] == {}
    assert report["submitted"] == 1
    # At the attempt limit, one start makes the last attempt; the others resume it or are
    # refused (SECURITY 6).
    assert set(report["starts"]) <= {"AttemptLimitReached"}
    assert report["started"] == [2]
    assert report["attempts"] == 2
