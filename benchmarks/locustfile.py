"""A district's final exam (run by benchmarks/loadtest.py; Locust, headless, loopback).

Each simulated student signs in, opens the final exam and starts it (the ramp), answers
LOADTEST_QUESTIONS questions (5, the first page, by default; 20 is the whole exam), each after
a think time of 30–90 s times LOADTEST_THINK_SCALE, autosaving the page's form as the page's
script does, moves page by page, and waits for the end of the exam: everyone
submits within a few seconds (the final rush), then opens the result. Some reload the page
mid-attempt (a new page token), some submit twice at once. Every save the server confirmed
is written to LOADTEST_SAVED (JSON lines) for the integrity check.
"""

import json
import os
import random
import re
import sys
import time
import urllib.parse
from pathlib import Path

import gevent
from locust import HttpUser, constant, events, task
from locust.exception import StopUser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness.forms import form_fields  # noqa: E402

SETUP = json.loads(Path(os.environ["LOADTEST_USERS"]).read_text())
NAMES = iter(SETUP["users"])
THINK_SCALE = float(os.environ.get("LOADTEST_THINK_SCALE", "1"))
QUESTIONS = int(os.environ.get("LOADTEST_QUESTIONS", "5"))  # answered per student
SUBMIT_AT = float(os.environ["LOADTEST_SUBMIT_AT"])  # epoch seconds: the end of the exam
RELOAD_SHARE = float(os.environ.get("LOADTEST_RELOAD_SHARE", "0.05"))
DOUBLE_SUBMIT_SHARE = float(os.environ.get("LOADTEST_DOUBLE_SUBMIT_SHARE", "0.05"))
SAVED = open(os.environ["LOADTEST_SAVED"], "a")  # noqa: SIM115 - open for the whole run
HIDDEN = {"csrfmiddlewaretoken", "seq", "page", "page_token"}
finished = 0
abandoned = 0


def _question(name: str) -> str:
    return name.split("-", 1)[0]


class Student(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        # As the reverse proxy would send it: HTTPS, so CSRF checks the (https) Referer.
        origin = self.host.replace("http://", "https://", 1)
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": f"{origin}/"})

    def _get(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            return response

    def _post(self, path: str, data, name: str, **kwargs):
        with self.client.post(path, data=data, name=name, allow_redirects=False,
                              catch_response=True, **kwargs) as response:  # fmt: skip
            if response.status_code >= 400 or response.status_code == 0:
                response.failure(f"HTTP {response.status_code}")
            else:
                response.success()
            return response

    def _page(self, path: str, name: str) -> tuple[str, dict[str, str]]:
        html = self._get(path, name).text
        return form_fields(html, "/save/")

    @task
    def take_the_exam(self) -> None:
        global abandoned, finished
        try:
            name = next(NAMES)
        except StopIteration:
            raise StopUser from None
        try:
            self._exam(name)
        except Exception:  # noqa: BLE001 - a broken page (e.g. a dropped connection): give up
            abandoned += 1
        finally:
            finished += 1
            if finished >= len(SETUP["users"]):
                gevent.spawn_later(1, self.environment.runner.quit)
        raise StopUser

    def _exam(self, username: str) -> None:
        rng = random.Random(username)  # noqa: S311 - simulation
        html = self._get("/accounts/login/", "login page").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        login = {"csrfmiddlewaretoken": token, "username": username,
                 "password": SETUP["password"]}  # fmt: skip
        if self._post("/accounts/login/", login, "login").status_code != 302:
            return
        html = self._get("/quizzes/final-exam/", "exam page").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        started = self._post("/quizzes/final-exam/start/", {"csrfmiddlewaretoken": token}, "start")
        attempt_path = urllib.parse.urlsplit(started.headers.get("Location", "")).path
        match = re.fullmatch(r"/quizzes/attempts/(\d+)/", attempt_path)
        if not match:
            return
        attempt = int(match.group(1))
        page_html = self._get(attempt_path, "attempt page").text
        pages = max(int(n) for n in re.findall(r'value="page-(\d+)"', page_html) or ["1"])
        action, fields = form_fields(page_html, "/save/")
        reload_at = 1 if rng.random() < RELOAD_SHARE else None
        left = QUESTIONS
        for number in range(1, pages + 1):
            questions = sorted({_question(k) for k in fields if k not in HIDDEN})[:left]
            left -= len(questions)
            answered: dict[str, str] = {}
            for index, question in enumerate(questions):
                gevent.sleep(rng.uniform(30, 90) * THINK_SCALE)
                answered.update({k: v for k, v in fields.items() if _question(k) == question})
                if number == reload_at and index == len(questions) // 2:
                    # A reload mid-page: the new page has a new token and the saved answers.
                    _, fresh = self._page(f"{attempt_path}?page={number}", "reload")
                    fields.update({k: fresh[k] for k in HIDDEN if k in fresh})
                body = {**{k: fields[k] for k in HIDDEN}, **answered, "action": "autosave"}
                saved = self._post(action, body, "autosave", headers={"Accept": "application/json"})
                if saved.status_code == 200 and saved.json().get("saved"):
                    record = {
                        "user": username,
                        "attempt": attempt,
                        "page": number,
                        "time": time.time(),
                        "body": urllib.parse.urlencode(body),
                    }
                    SAVED.write(json.dumps(record) + "\n")
                    SAVED.flush()
            go = "next" if number < pages and left > 0 else "summary"
            body = {**{k: fields[k] for k in HIDDEN}, **answered, "action": go}
            self._post(action, body, "next page")
            if go == "summary":
                break
            action, fields = self._page(f"{attempt_path}?page={number + 1}", "attempt page")
        gevent.sleep(max(0.0, SUBMIT_AT - time.time()) + rng.uniform(0, 5))  # the final rush
        submit = {"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"]}
        submit_path = f"{attempt_path}submit/"
        if rng.random() < DOUBLE_SUBMIT_SHARE:
            both = [gevent.spawn(self._post, submit_path, submit, "submit (twice at once)")
                    for _ in range(2)]  # fmt: skip
            gevent.joinall(both)
        else:
            self._post(submit_path, submit, "submit")
        self._get(f"/quizzes/attempts/{attempt}/results/", "result page")


@events.quitting.add_listener
def _close(environment, **kwargs) -> None:
    SAVED.close()
    Path(os.environ["LOADTEST_META"]).write_text(
        json.dumps({"finished": finished, "abandoned": abandoned})
    )
