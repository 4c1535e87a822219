"""Gunicorn settings: ``gunicorn -c python:spaceedu.gunicorn_conf spaceedu.wsgi``.

Every value can be overridden from the environment (GUNICORN_WORKERS, ...), or on the
command line, which wins over this file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes per core plus one, threads for requests that wait on the database.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Restart workers now and then so that a slow leak never grows unbounded.
max_requests = 2000
max_requests_jitter = 200
# The app's own settings decide which proxy headers to trust.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"remote": "%({x-forwarded-for}i)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": %(B)s, "ms": %(M)s, "agent": "%(a)s"}'
)
