"""`make bench`: every page under gunicorn and wrk, as a ratio to a minimal view in the same run.

    python benchmarks/run.py [--db sqlite|postgres] [--base REV] [--duration 5]

For the checkout (and, with --base, for an older commit checked out in a temporary git
worktree) it seeds a fresh database (harness/seed.py), counts each page's queries with
Django's test client, starts gunicorn on loopback with the repository's own config
(spaceedu/gunicorn_conf.py) and DEBUG=0, signs in a learner and a teacher over HTTP, and
drives wrk (16 connections) at each page, with the reference view `/__bench__/ok/` measured
just before and after every page. With --base both servers run side by side and take turns
page by page. It reads the workers' RSS from /proc, saves benchmarks/results/<label>-<db>.json
and rewrites benchmarks/results.md from all saved runs. The machine may be shared: compare
ratios to the reference, not raw requests per second.
"""

import argparse
import contextlib
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

from harness.forms import form_fields  # noqa: E402

HARNESS = "bench_harness"  # the name the copied harness package has on PYTHONPATH
SECRET = "benchmark-only-secret-key-not-used-anywhere-else-0123456789"  # noqa: S105


def log(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


class Server:
    """HTTP on loopback as the reverse proxy would send it (X-Forwarded-Proto: https)."""

    def __init__(self, port: int) -> None:
        self.port = port

    def request(self, method: str, path: str, *, cookie: str = "", body: str = "", **headers):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        head = {"X-Forwarded-Proto": "https", "Cookie": cookie, **headers}
        if body:
            head["Content-Type"] = "application/x-www-form-urlencoded"
            head.setdefault("Referer", f"https://127.0.0.1:{self.port}{path}")
        conn.request(method, path, body=body or None, headers=head)
        response = conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, response.getheaders(), data

    def login(self, username: str, password: str) -> dict[str, str]:
        """Sign in through the login form; the cookies a browser would then hold."""
        status, headers, html = self.request("GET", "/accounts/login/")
        cookies = _cookies(headers)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )
        status, headers, _ = self.request(
            "POST", "/accounts/login/", cookie=_cookie_header(cookies), body=body
        )
        cookies.update(_cookies(headers))
        if status != 302 or "sessionid" not in cookies:
            raise SystemExit(f"could not sign in {username}: HTTP {status}")
        return cookies


def _cookies(headers) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key.strip()] = rest.split(";", 1)[0]
    return found


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def wrk(server: Server, path: str, *, seconds: float, connections: int, **env) -> dict:
    threads = 2
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(HERE / "wrk.lua"), f"http://127.0.0.1:{server.port}"]  # fmt: skip
    environment = {**os.environ, "BENCH_PATH": path, "BENCH_THREADS": str(threads)}
    environment.update({f"BENCH_{k.upper()}": v for k, v in env.items()})
    output = subprocess.run(
        command, env=environment, capture_output=True, text=True, check=True
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH "))
    values = dict(item.split("=") for item in line.split()[1:])
    numbers = {k: float(v) for k, v in values.items()}
    return {
        "rps": numbers["requests"] / (numbers["duration_us"] / 1e6),
        "requests": int(numbers["requests"]),
        **{k: numbers[k] / 1000 for k in ("p50", "p95", "p99", "mean", "max")},
        "status_errors": int(numbers["status_errors"]),
        "socket_errors": int(numbers["socket_errors"] + numbers["timeouts"]),
        "sent": int(numbers["sent"]),
    }


def _children(pid: int) -> list[int]:
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    workers.append(int(entry.name))
    return workers


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _database(kind: str, label: str) -> dict[str, str]:
    """A fresh, empty database (and a flushed Redis db) for one run."""
    if kind == "sqlite":
        path = Path(tempfile.gettempdir()) / f"spaceedu-bench-{label}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return {"DATABASE_URL": f"sqlite:///{path}"}
    import psycopg
    import redis

    url = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/spaceedu_bench")
    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/')}_{label}"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
    redis.Redis.from_url(redis_url).flushdb()
    return {"DATABASE_URL": parts._replace(path=f"/{name}").geturl(), "REDIS_URL": redis_url}


def measure(app_dir: Path, *, label: str, db: str, port: int, args):
    """Seed, count queries, serve and load one checkout, a page at a time (a generator).

    It yields once when the server is ready and once after each page, so that two
    checkouts can take turns page by page; its return value is the run's numbers.
    """
    work = Path(tempfile.mkdtemp(prefix=f"spaceedu-bench-{label}-"))
    shutil.copytree(HERE / "harness", work / HARNESS)
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
        **_database(db, label),
        "PYTHONPATH": f"{app_dir}{os.pathsep}{work}",
        "DJANGO_SETTINGS_MODULE": f"{HARNESS}.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    python = sys.executable
    plan_file, counts_file = work / "plan.json", work / "counts.json"
    started = time.monotonic()
    log(f"{label}/{db}: seeding {app_dir}")
    subprocess.run([python, "-m", f"{HARNESS}.seed", "prepare", str(plan_file)], cwd=app_dir,
                   env=env, check=True)  # fmt: skip
    seed_seconds = time.monotonic() - started
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=app_dir,
                   env=env, check=True)  # fmt: skip
    if args.profile:
        out = HERE / "profiles" / label
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([python, "-m", f"{HARNESS}.seed", "profile", str(plan_file), str(out)],
                       cwd=app_dir, env=env, check=True)  # fmt: skip
        return None
    subprocess.run([python, "-m", f"{HARNESS}.seed", "count", str(plan_file), str(counts_file)],
                   cwd=app_dir, env=env, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    plan, counts = json.loads(plan_file.read_text()), json.loads(counts_file.read_text())
    server = Server(port)
    gunicorn_log = (work / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [python, "-m", "gunicorn", "-c", "python:spaceedu.gunicorn_conf", "spaceedu.wsgi"],
        cwd=app_dir, env=env, stdout=gunicorn_log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                if server.request("GET", "/healthz")[0] == 200:
                    break
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not start; see {work / 'gunicorn.log'}")
        workers = _children(process.pid)
        log(f"{label}/{db}: gunicorn {process.pid} with {len(workers)} workers on :{port}")
        learner = server.login(plan["learner"], plan["password"])
        teacher = server.login(plan["teacher"], plan["password"])
        cookies = {"learner": _cookie_header(learner), "teacher": _cookie_header(teacher)}
        referer = f"https://127.0.0.1:{port}/"
        load = {"seconds": args.duration, "connections": args.connections}

        def settle() -> None:
            """Wait until the workers have drained the last page's queue (30 s at most)."""
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                start = time.monotonic()
                server.request("GET", plan["reference"], cookie=cookies["learner"])
                if time.monotonic() - start < 0.15:
                    return
                time.sleep(0.5)

        references: list[float] = []

        def reference() -> float:
            settle()
            rps = wrk(server, plan["reference"], cookie=cookies["learner"],
                      seconds=args.reference, connections=args.connections)["rps"]  # fmt: skip
            references.append(rps)
            return rps

        def run(name: str, path: str, *, warm: bool = True, seconds: int = 0, **env) -> dict:
            # The machine is shared: each page is compared with the reference measured just
            # before and just after it (the mean of the two).
            before = references[-1] if references else reference()
            settle()
            if warm:
                wrk(server, path, seconds=args.warmup, connections=args.connections, **env)
            result = wrk(server, path, **{**load, **({"seconds": seconds} if seconds else {})},
                         **env)  # fmt: skip
            beside = (before + reference()) / 2
            result["ratio"] = result["rps"] / beside
            log(f"  {label:6} {name:34} {result['rps']:8.1f} req/s  ratio {result['ratio']:.3f}  "
                f"p99 {result['p99']:6.1f} ms  (reference {beside:.0f} req/s)")  # fmt: skip
            return {"name": name, **result, "reference_rps": beside, "queries": counts.get(name)}

        yield None  # ready
        reference_first = run("reference", plan["reference"], cookie=cookies["learner"])
        pages = []
        for page in plan["pages"]:
            if page["method"] == "GET":
                # A slow page (the district gradebook) gets longer, so that it completes some.
                seconds = max(args.duration, plan.get("slow", {}).get(page["name"], 0))
                pages.append(run(page["name"], page["path"], cookie=cookies[page["who"]],
                                 seconds=seconds))  # fmt: skip
                yield pages[-1]
                continue
            bodies = work / f"{len(pages)}.body"
            if page["who"] == "pool":
                exam_page = f"/quizzes/attempts/{page_attempt(plan)}/"
                _, _, html = server.request("GET", exam_page, cookie=cookies["learner"])
                # The submit form posts only the CSRF token (the save form carries the same).
                token = form_fields(html, "/save/")[1]["csrfmiddlewaretoken"]
                bodies.write_text(urllib.parse.urlencode({"csrfmiddlewaretoken": token}))
                pool = work / "pool.tsv"
                pool.write_text("".join(
                    f"sessionid={key}; csrftoken={learner['csrftoken']}\t{path}\n"
                    for key, path in plan["pool"]
                ))  # fmt: skip
                result = run(page["name"], "/", warm=False, method="POST", body=str(bodies),
                             pool=str(pool), referer=referer)  # fmt: skip
                result["pool"] = len(plan["pool"])
            else:
                attempt_path = page["path"].removesuffix("save/")
                _, _, html = server.request("GET", attempt_path, cookie=cookies["learner"])
                _, fields = form_fields(html, "/save/")
                bodies.write_text(urllib.parse.urlencode(fields))
                result = run(page["name"], page["path"], method="POST", body=str(bodies),
                             cookie=cookies["learner"], referer=referer + attempt_path[1:],
                             accept="application/json")  # fmt: skip
            pages.append(result)
            yield result
        reference_last = run("reference", plan["reference"], cookie=cookies["learner"])
        rss = [round(_rss_mb(pid), 1) for pid in _children(process.pid)]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        gunicorn_log.close()
    reference_rps = (reference_first["rps"] + reference_last["rps"]) / 2
    shutil.rmtree(work, ignore_errors=True)
    return {
        "label": label,
        "db": db,
        "commit": subprocess.run(
            ["git", "-C", str(app_dir), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip(),  # fmt: skip
        "date": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "machine": _machine(),
        "connections": args.connections,
        "seconds": args.duration,
        "workers": len(workers),
        "reference": {"first": reference_first, "last": reference_last, "rps": reference_rps},
        "pages": pages,
        "rss_mb": rss,
        "seed_seconds": round(seed_seconds, 1),
        "rows": plan["rows"],
        "wall_seconds": round(time.monotonic() - started, 1),
    }


def page_attempt(plan: dict) -> str:
    """The learner's open exam attempt id (its submit form is the one the pool posts)."""
    path = next(p["path"] for p in plan["pages"] if p["name"] == "exam attempt page")
    return path.rstrip("/").rsplit("/", 1)[1]


def _machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = os.getloadavg()[1]  # the 5-minute load average: how shared the machine was
    return (
        f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, Python "
        f"{platform.python_version()}, load average {load:.1f} at the end"
    )


def render() -> None:
    """benchmarks/results.md from every saved run: before and after, per database."""
    runs = {}
    for file in sorted(RESULTS.glob("*.json")):
        data = json.loads(file.read_text())
        runs[(data["label"], data["db"])] = data
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); do not edit by hand. Each page was",
        "loaded by wrk with 16 connections for 5 s after 1 s of warm-up, signed in (a learner;",
        "a teacher for the teacher pages), against gunicorn with `spaceedu/gunicorn_conf.py`",
        "and `DEBUG=0` on loopback. **ratio** is the page's requests per second divided by the",
        'reference view\'s (`HttpResponse("ok")` through the same middleware and session),',
        "measured for 2 s just before and just after that page in the same run (the mean of",
        "the two); *drift* is the last reference over the first. Before and after ran side by",
        "side, taking turns page by page. The machine is shared with other",
        "work, so compare ratios, not raw req/s. Queries are counted per request with Django's",
        "test client on the same seeded database; RSS is each gunicorn worker's resident memory",
        "after the run (from /proc). Latencies are milliseconds.",
        "",
    ]
    for db in ("sqlite", "postgres"):
        before, after = runs.get(("before", db)), runs.get(("after", db))
        if not after and not before:
            continue
        title = "SQLite" if db == "sqlite" else "PostgreSQL + Redis"
        lines += [f"## {title}", ""]
        for run in (before, after):
            if run:
                ref = run["reference"]
                drift = ref["last"]["rps"] / ref["first"]["rps"]
                lines.append(
                    f"- **{run['label']}** (commit {run['commit']}, {run['date']}; "
                    f"{run['machine']}; {run['workers']} workers): reference "
                    f"{ref['rps']:,.0f} req/s (drift {drift:.2f}),"
                    f" p99 {ref['last']['p99']:.0f} ms; worker RSS "
                    f"{max(run['rss_mb']):.0f} MB max; seeded {run['rows']['users']:,} users, "
                    f"{run['rows']['answers']:,} answers in {run['seed_seconds']:.0f} s; "
                    f"the run took {run['wall_seconds']:.0f} s."
                )
        lines += [
            "",
            "| page | before req/s | before ratio | after req/s | after ratio | ratio × | "
            "after p50 / p95 / p99 | before p99 | queries before → after |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        names = [p["name"] for p in (after or before)["pages"]]
        for name in names:
            b = next((p for p in before["pages"] if p["name"] == name), None) if before else None
            a = next((p for p in after["pages"] if p["name"] == name), None) if after else None
            cells = [name]
            cells += [f"{b['rps']:,.0f}", f"{b['ratio']:.3f}"] if b else ["—", "—"]
            cells += [f"{a['rps']:,.0f}", f"{a['ratio']:.3f}"] if a else ["—", "—"]
            cells.append(f"{a['ratio'] / b['ratio']:.1f}" if a and b else "—")
            cells.append(f"{a['p50']:.0f} / {a['p95']:.0f} / {a['p99']:.0f}" if a else "—")
            cells.append(f"{b['p99']:.0f}" if b else "—")
            cells.append(f"{b['queries'] if b else '—'} → {a['queries'] if a else '—'}")
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        notes = []
        for run in (before, after):
            for page in run["pages"] if run else []:
                if page["status_errors"] or page["socket_errors"]:
                    notes.append(
                        f"- {run['label']}, {page['name']}: {page['status_errors']} responses "
                        f"4xx/5xx, {page['socket_errors']} socket errors or timeouts."
                    )
                if page.get("pool") and page["sent"] > page["pool"]:
                    notes.append(
                        f"- {run['label']}, submit: {page['sent']} posts for {page['pool']} "
                        "open attempts; the extra ones met an already graded attempt."
                    )
        lines += ["", *notes, ""] if notes else [""]
    (HERE / "results.md").write_text("\n".join(lines))
    log(f"wrote {HERE / 'results.md'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--base", help="also measure this commit (git worktree) as 'before'")
    parser.add_argument("--only-base", action="store_true", help="measure only --base")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=1, help="seconds before each page")
    parser.add_argument("--reference", type=int, default=2, help="seconds of reference per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--profile", action="store_true", help="only profile: benchmarks/profiles/<label>/"
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8011)))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk (make bench does it)")
    RESULTS.mkdir(exist_ok=True)
    targets = {}
    base_dir = None
    if args.base:
        base_dir = Path(tempfile.mkdtemp(prefix="spaceedu-bench-base-"))
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base_dir),
                        args.base], check=True, capture_output=True)  # fmt: skip
        targets["before"] = measure(
            base_dir, label="before", db=args.db, port=args.port + 10000, args=args
        )
    if not args.only_base:
        targets["after"] = measure(ROOT, label="after", db=args.db, port=args.port, args=args)
    if args.profile:
        for steps in targets.values():
            next(steps, None)
        targets = {}
    try:
        # Both servers up at once, taking turns page by page: the load of a shared machine
        # changes from minute to minute, so before and after meet the same conditions.
        for steps in targets.values():
            next(steps)
        running = dict(targets)
        while running:
            for label, steps in list(running.items()):
                try:
                    next(steps)
                except StopIteration as done:
                    (RESULTS / f"{label}-{args.db}.json").write_text(
                        json.dumps(done.value, indent=1)
                    )
                    del running[label]
    finally:
        for steps in targets.values():
            steps.close()
        if base_dir is not None:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(base_dir)], check=False)  # fmt: skip
    render()


if __name__ == "__main__":
    main()
