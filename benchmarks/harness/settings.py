"""The production settings plus a URLconf with the minimal reference view."""

import os

from spaceedu.settings import *  # noqa: F403

ROOT_URLCONF = f"{__package__}.urls"

if os.environ.get("BENCH_LOADTEST") == "1":
    # Load test only (benchmarks/loadtest.py): Locust speaks plain HTTP on loopback, so its
    # cookie jar must be allowed to send the cookies back; and a thousand sign-ins would
    # otherwise spend the run hashing passwords (each costs ~0.3 s of CPU by design).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
