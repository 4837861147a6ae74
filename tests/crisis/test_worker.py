"""A real Celery worker consumes the queued password reset email.

On the PostgreSQL/Redis run (CELERY_BROKER_URL set) the message goes through the real Redis
broker; on the embedded run through Celery's in-memory transport. Either way a worker thread,
not the request, sends the mail.
"""

import os
import re
import time
from urllib.parse import urlsplit

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.test import Client
from kombu import pools as kombu_pools

from config.celery import app as celery_app

pytestmark = [pytest.mark.real_services, pytest.mark.django_db(transaction=True)]


def _reset_connections() -> None:
    # Connections made for the old broker URL must not be reused for the new one. kombu keeps its
    # pools in a process-wide registry, so reset that registry rather than closing a pool in it.
    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _broker_url() -> str:
    """The run's broker, or the in-memory one. With parallel test processes (pytest-xdist) each uses
    a Redis database of its own, so one process's worker never takes another's tasks."""
    url = settings.CELERY_BROKER_URL
    if not url:
        return "memory://"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... when run in parallel
    if worker.startswith("gw") and url.startswith("redis://"):
        return urlsplit(url)._replace(path=f"/{10 + int(worker[2:])}").geturl()
    return url


@pytest.fixture
def real_worker():
    old = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = _broker_url()
    _reset_connections()
    celery_app.control.purge()  # nothing left over from an earlier run is consumed here
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    celery_app.conf.update(old)
    _reset_connections()


def _wait_for_mail(count: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def test_the_worker_sends_the_password_reset_email(world, real_worker):
    response = Client().post("/accounts/password_reset/", {"email": "leader.a@example.test"})
    assert response.status_code == 302

    _wait_for_mail(1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leader.a@example.test"]
    assert re.search(r"/accounts/reset/[\w-]+/[\w-]+/", message.body)
