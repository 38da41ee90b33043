"""The scale benchmark's participants, for locust (run headless by bench_scale.py).

Each simulated participant is signed in already (its session cookie from the world file), picks
one of the web servers for every request (the load spreads itself: no proxy in front), and
records every write the server acknowledged with something the benchmark can find in the
database afterwards. Every request is also logged with its time, so errors can be placed inside
or outside the fault windows.

Mix: 70% lesson and home views, 10% mark as done, 5% assignment answers, 5% clinic bookings,
10% inbox.
"""

import itertools
import json
import os
import random
import threading
import time
import uuid
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

WORLD = json.loads(open(os.environ["SCALE_WORLD"]).read())  # noqa: SIM115
HOSTS = WORLD["hosts"]
_people = itertools.cycle(WORLD["people"])
_lock = threading.Lock()
_writes = open(os.environ["SCALE_WRITES"], "a", buffering=1)  # noqa: SIM115
_requests = open(os.environ["SCALE_REQUESTS"], "a", buffering=1)  # noqa: SIM115


@events.request.add_listener
def _log_request(request_type, name, response_time, response_length, exception, **kwargs):
    ok = 0 if exception else 1
    port = urlsplit(kwargs.get("url") or HOSTS[0]).port
    with _lock:
        _requests.write(f"{time.time():.3f},{ok},{response_time:.1f},{port},{name}\n")


def _acknowledged(**write) -> None:
    with _lock:
        _writes.write(json.dumps(write) + "\n")


class Participant(HttpUser):
    host = HOSTS[0]
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.me = next(_people)
        self.client.cookies.set(WORLD["cookie"], self.me["session"])
        self.lessons_left = list(self.me["lessons"])
        random.shuffle(self.lessons_left)
        self.assignments_left = list(self.me["assignments"])
        self.clinics_left = list(WORLD["clinics"])
        random.shuffle(self.clinics_left)

    def _url(self, path: str) -> str:
        return random.choice(HOSTS) + path

    def _csrf(self) -> str:
        token = self.client.cookies.get("csrftoken")
        if not token:
            # any page with a form sets it; the cookie serves both servers (same host and key)
            self.client.get(self._url(self.me["lessons"][0]["url"]), name="lesson")
            token = self.client.cookies.get("csrftoken", "")
        return token

    @task(50)
    def lesson(self):
        self.client.get(self._url(random.choice(self.me["lessons"])["url"]), name="lesson")

    @task(20)
    def home(self):
        self.client.get(self._url("/id/"), name="home")

    @task(10)
    def inbox(self):
        self.client.get(self._url("/id/notifications/"), name="inbox")

    @task(10)
    def mark_done(self):
        if not self.lessons_left:
            return self.lesson()
        lesson = self.lessons_left[-1]
        with self.client.post(
            self._url(f"/id/learning/lessons/{lesson['id']}/done/"),
            headers={"X-CSRFToken": self._csrf(), "X-Requested-With": "fetch"},
            name="mark done",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and response.json().get("done"):
                self.lessons_left.pop()
                _acknowledged(kind="done", user=self.me["id"], lesson=lesson["id"])
            else:
                response.failure(f"not done: {response.status_code}")

    @task(5)
    def submit(self):
        if not self.assignments_left:
            return self.lesson()
        # Tried once, answered or not: an answer saved but not acknowledged (a fault) makes a
        # second try a refusal ("already sent"), which is not the server's fault.
        assignment = self.assignments_left.pop()
        token = uuid.uuid4().hex
        with self.client.post(
            self._url(f"/id/learning/assignments/{assignment}/"),
            data={"text": f"Usaha saya berjalan baik. {token}"},
            headers={"X-CSRFToken": self._csrf()},
            name="submit answer",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and "msg-success" in response.text:
                _acknowledged(kind="submission", user=self.me["id"], token=token)
            else:
                response.failure(f"not sent: {response.status_code}")

    @task(5)
    def book(self):
        if not self.clinics_left:
            return self.inbox()
        clinic = self.clinics_left.pop()
        key = str(uuid.uuid4())
        with self.client.post(
            self._url(f"/id/coaching/{clinic}/book/"),
            data={"key": key},
            headers={"X-CSRFToken": self._csrf()},
            name="book clinic",
            catch_response=True,
        ) as response:
            if response.status_code == 200 and "msg-success" in response.text:
                _acknowledged(kind="booking", user=self.me["id"], key=key)
            else:
                response.failure(f"not booked: {response.status_code}")
