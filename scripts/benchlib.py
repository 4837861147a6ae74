"""Shared code for the benchmark scripts in this folder (bench_risk_register.py, bench_action_plan.py).

Importing this module sets Django up for a script run as `.venv/bin/python scripts/<name>.py` from
the repository root: the root goes on sys.path, DJANGO_SETTINGS_MODULE defaults to config.settings
and django.setup() runs, so a script imports it before anything from the app.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from crisis.models import User  # noqa: E402


def user_get_or_create(email: str, full_name: str, **extra) -> User:
    """The user with `email`, created when missing (a superuser when `superuser=True`)."""
    user = User.objects.filter(email=email).first()
    if user is None:
        if extra.pop("superuser", False):
            user = User.objects.create_superuser(email, None, full_name=full_name)
        else:
            user = User.objects.create_user(email, None, full_name=full_name, **extra)
    return user


def url_for(name: str, fallback: str, reference: str, *, with_reference: bool = True) -> tuple[str, str]:
    """(URL, what was measured): `name` reversed, or `fallback` (always with the case reference) when
    `name` does not resolve. `with_reference=False` for a `name` that takes no arguments."""
    try:
        return reverse(name, kwargs={"reference": reference} if with_reference else None), name
    except NoReverseMatch:
        return reverse(fallback, kwargs={"reference": reference}), f"{fallback} (fallback: {name} does not resolve)"


def measure(client: Client, url: str, runs: int, warmups: int) -> dict:
    """GET `url`: queries of one request, median and p95 ms of `runs` timed requests after `warmups`
    untimed ones, response bytes, and items ("<page> of <count>" or a list's length) for JSON."""
    # Each request starts with reset_queries() (request_started), so the capture must start from an
    # empty log or its slice comes out empty when DEBUG has been logging queries.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}; expected 200.")
    items = ""
    if response.get("Content-Type", "").startswith("application/json"):
        data = json.loads(response.content)
        if isinstance(data, dict) and "results" in data:
            items = f"{len(data['results'])} of {data.get('count')}"
        elif isinstance(data, list):
            items = str(len(data))
    for _ in range(warmups):
        client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {"queries": len(queries), **stats(times), "bytes": len(response.content), "items": items}


def stats(times: list[float]) -> dict:
    """Median and 95th percentile (nearest rank) of `times`."""
    times = sorted(times)
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]  # nearest rank
    return {"median": statistics.median(times), "p95": p95}
