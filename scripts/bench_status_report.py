#!/usr/bin/env python
# ruff: noqa: E402  (the environment is set before Django is)
"""Benchmark status reports: the PDF render for a large case, and the emails one worker sends.

    .venv/bin/python scripts/bench_status_report.py                       # throwaway SQLite in var/bench/
    createdb -h 127.0.0.1 -U postgres bench_reports                       # once; "already exists" is fine
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_reports .venv/bin/python scripts/bench_status_report.py

or `make bench-reports` (DATABASE_URL when set, else the throwaway SQLite; BENCH_REPORTS_ARGS to change
the arguments).

What it does:
1. `migrate` on DATABASE_URL, or on var/bench/bench_reports.sqlite3 when it is not set (never the
   demo's db.sqlite3); files go to var/bench/private unless PRIVATE_MEDIA_ROOT is set.
2. Builds, once per size and through the services (so rows, chronology and audit are what the app
   writes), a case with --risks risks, --actions actions (every fourth done, due dates from a month
   ago to a month ahead), --stakeholders stakeholders with two contacts each, --communications
   communications over the last 60 days and four improvement checkpoints; and a small case with
   --small of each. A second run reuses them.
3. Render: what `status_report_generate` does before storing the file — `previous_report`,
   `status_report_context` and `crisis.pdf.render_pdf("stakeholders/pdf/status_report.html")` —
   --runs times after --warmups, for each size: median, min and max seconds, the SQL queries of the
   context (CaptureQueriesContext) and of the render (lazy template queries, expected 0), the PDF
   size, the Python heap peak of one more render under tracemalloc (WeasyPrint's C libraries are not
   traced), and the process's max RSS (`ru_maxrss`, a high-water mark: the small case is measured
   first, so the large case's figure is its own peak unless the small one was higher).
4. Delivery: an aiosmtpd server in a thread (as in tests/stakeholders/test_real_delivery.py), the
   email settings pointed at it, one status report rendered for a case whose stakeholder has
   --deliveries contacts, generated with the approval step so that nothing is sent yet. Then one
   Celery worker (pool "solo", concurrency 1) consumes from the Redis broker --broker: by default
   started in this process with celery.contrib.testing's start_worker, as the `real_worker` test
   fixture does (kombu pools reset); `--worker process` runs `celery -A config worker` as its own
   process instead. The clock starts at `status_report_approve`, which creates the deliveries and
   queues one `send_delivery` task each, and stops when the database shows all of them sent. When
   Redis does not answer, the tasks run in this process (Celery eager), and the output says so.
5. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import gc
import os
import platform
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

# Before Django is set up: a throwaway SQLite database and file folder unless told otherwise.
BENCH_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
BENCH_DIR.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench_reports.sqlite3'}")
os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(BENCH_DIR / "private"))
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no line per task or per SMTP command (the worker inherits it)

from benchlib import ROOT, user_get_or_create  # importing benchlib sets Django up
from django.conf import settings
from django.core.management import call_command
from django.db import OperationalError, connection, reset_queries
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment import services as assessment_services
from assessment.models import Risk, RiskCategory
from config.celery import app as celery_app
from crisis import services as crisis_services
from crisis.models import Case, Membership, Organisation, User
from crisis.pdf import render_pdf
from response import services as response_services
from response.models import Action, ImprovementCheckpoint
from stakeholders import selectors, services
from stakeholders.models import AudienceProfile, Communication, Contact, Delivery, Stakeholder, StatusReport

ADMIN = "bench.admin@safehold.test"
CONSULTANT = "bench.consultant@safehold.test"
LEADER = "bench.reports-leader@safehold.test"
TEMPLATE = "stakeholders/pdf/status_report.html"
CATEGORIES = list(RiskCategory.values)
KINDS = [k for k in Stakeholder.Kind.values if k != Stakeholder.Kind.OTHER]
CHANNELS = list(Communication.Channel.values)
THEMES = ("Single central record gaps", "Allegations policy out of date", "Press interest", "Volunteer DBS checks",
          "Online conduct of staff", "Governance oversight", "Funding under review", "Record keeping")
CHECKPOINT_DAYS_AGO = (42, 28, 14, 1)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--risks", type=int, default=300, help="risks on the large case (default 300)")
    parser.add_argument("--actions", type=int, default=500, help="actions on the large case (default 500)")
    parser.add_argument("--communications", type=int, default=200, help="communications (default 200)")
    parser.add_argument("--stakeholders", type=int, default=12, help="stakeholders of each case (default 12)")
    parser.add_argument("--small", type=int, default=10, help="risks, actions and communications of the small "
                                                              "case (default 10)")
    parser.add_argument("--runs", type=int, default=5, help="timed renders per size (default 5)")
    parser.add_argument("--warmups", type=int, default=1, help="untimed renders first (default 1)")
    parser.add_argument("--deliveries", type=int, default=200, help="recipients of the delivery run (default 200)")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/5", help="Redis broker of the worker "
                                                                             "(default redis://127.0.0.1:6379/5)")
    parser.add_argument("--worker", choices=("thread", "process"), default="thread",
                        help="the worker in this process (start_worker, default) or its own process")
    parser.add_argument("--no-render", action="store_true", help="skip the render benchmark")
    parser.add_argument("--no-delivery", action="store_true", help="skip the delivery benchmark")
    parser.add_argument("--no-migrate", action="store_true", help="skip `migrate`")
    return parser.parse_args()


# Data ------------------------------------------------------------------------------------------


def _organisation(name: str, admin: User, consultant: User, leader: User) -> tuple[Organisation, Case]:
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = crisis_services.organisation_create(actor=admin, name=name, kind=Organisation.Kind.SCHOOL)
    crisis_services.assignment_create(actor=admin, consultant=consultant, organisation=organisation)
    if not Membership.objects.filter(user=leader, organisation=organisation).exists():
        crisis_services.membership_create(actor=admin, user=leader, organisation=organisation,
                                          role=Membership.Role.LEADER, job_title="Head teacher")
    case = Case.objects.filter(organisation=organisation).first()
    if case is None:
        case = crisis_services.case_create(
            actor=consultant, organisation=organisation, title="Benchmark case", summary="Benchmark data.",
            lead_consultant=consultant, consultants=[consultant],
            opened_on=timezone.localdate() - dt.timedelta(days=70),
        )
    return organisation, case


def _people() -> tuple[User, User, User]:
    admin = user_get_or_create(ADMIN, "Bench Admin", superuser=True)
    consultant = user_get_or_create(CONSULTANT, "Bench Consultant", consultancy_role=User.ConsultancyRole.CONSULTANT)
    leader = user_get_or_create(LEADER, "Bench Leader")
    return admin, consultant, leader


def build_case(n_risks: int, n_actions: int, n_communications: int, n_stakeholders: int) -> tuple[Case, User]:
    """The benchmark case of this size, topped up to exactly these counts through the services."""
    admin, consultant, leader = _people()
    name = f"Benchmark: status report {n_risks} risks, {n_actions} actions, {n_communications} communications"
    _, case = _organisation(name, admin, consultant, leader)
    started = time.perf_counter()
    today = timezone.localdate()
    risks = list(Risk.objects.filter(case=case).order_by("id"))
    for i in range(len(risks), n_risks):
        likelihood, impact = i % 5 + 1, (i // 5) % 5 + 1
        risks.append(assessment_services.risk_create(
            actor=consultant, case=case, category=CATEGORIES[i % len(CATEGORIES)],
            title=f"{THEMES[i % len(THEMES)]} ({i + 1})", description="Benchmark risk.", owner=leader,
            identified_on=today - dt.timedelta(days=60 - i % 10), inherent_likelihood=likelihood,
            inherent_impact=impact, current_likelihood=likelihood, current_impact=impact,
            target_likelihood=1, target_impact=max(1, impact - 1),
        ))
    for i in range(Action.objects.filter(case=case).count(), n_actions):
        action = response_services.action_create(
            actor=consultant, case=case, title=f"{THEMES[i % len(THEMES)]}: step {i + 1}", owner=consultant,
            due_on=today + dt.timedelta(days=i % 60 - 30), start_on=today - dt.timedelta(days=40),
            risks=[risks[i % len(risks)]] if risks else [],
        )
        if i % 4 == 0:
            response_services.action_mark_done(actor=consultant, action=action, completion_notes="Done; see evidence.")
    stakeholders = list(Stakeholder.objects.filter(case=case).order_by("id"))
    for i in range(len(stakeholders), n_stakeholders):
        stakeholders.append(services.stakeholder_create(
            actor=consultant, case=case, kind=KINDS[i % len(KINDS)], name=f"Stakeholder {i + 1}",
            trust_level=i % 5 + 1, owner=consultant, receives_reports=i % 3 == 0,
            contacts=[{"name": f"Contact {i + 1}.{n}", "email": f"contact{i + 1}.{n}@bench.example"}
                      for n in (1, 2)],
        ))
    for i in range(Communication.objects.filter(case=case).count(), n_communications):
        services.communication_log(
            actor=consultant, case=case, stakeholders=[stakeholders[i % len(stakeholders)]],
            direction="in" if i % 2 else "out", channel=CHANNELS[i % len(CHANNELS)],
            summary=f"Benchmark contact {i + 1}: what was said and agreed.",
            occurred_at=timezone.now() - dt.timedelta(days=i % 60, hours=i % 9),
            follow_up_due=today + dt.timedelta(days=i % 20 - 5) if i % 7 == 0 else None,
        )
    if not ImprovementCheckpoint.objects.filter(case=case).exists():
        for days_ago in CHECKPOINT_DAYS_AGO:
            response_services.checkpoint_record(
                actor=consultant, case=case, recorded_on=today - dt.timedelta(days=days_ago),
                confidence={"regulators": 3, "parents": 2, "staff": 3}, commentary="Benchmark checkpoint.",
            )
    elapsed = time.perf_counter() - started
    if elapsed > 1:
        print(f"Built {name} through the services in {elapsed:.1f} s.", file=sys.stderr)
    return case, consultant


def _report_row(case: Case, consultant: User) -> StatusReport:
    """A status report row to render for (never sent): the stakeholders who receive reports."""
    report = StatusReport.objects.filter(case=case, requested_by=consultant,
                                         status=StatusReport.Status.GENERATING).first()
    if report is None:
        report = StatusReport.objects.create(
            audience=AudienceProfile.objects.get(key="regulator"),
            organisation_id=case.organisation_id, case=case, requested_by=consultant)
        report.stakeholders.set(Stakeholder.objects.filter(case=case, receives_reports=True))
    return report


# Render ----------------------------------------------------------------------------------------


def _render_once(case: Case, report: StatusReport) -> tuple[float, float, bytes]:
    reset_queries()  # DEBUG keeps every query; do not let that list grow across runs
    started = time.perf_counter()
    context = selectors.status_report_context(
        case=case, previous=selectors.previous_report(status_report=report), status_report=report)
    built = time.perf_counter()
    pdf = render_pdf(TEMPLATE, context)
    return built - started, time.perf_counter() - built, pdf


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure_render(label: str, case: Case, consultant: User, runs: int, warmups: int) -> dict:
    # Loaded as status_report_generate loads it: the report with its case and organisation.
    report = StatusReport.objects.select_related("case", "case__organisation").get(
        pk=_report_row(case, consultant).pk)
    case = report.case
    reset_queries()
    with CaptureQueriesContext(connection) as context_queries:
        context = selectors.status_report_context(
            case=case, previous=selectors.previous_report(status_report=report), status_report=report)
    with CaptureQueriesContext(connection) as render_queries:
        render_pdf(TEMPLATE, context)
    for _ in range(warmups):
        _render_once(case, report)
    totals, contexts, size = [], [], 0
    for _ in range(runs):
        context_s, render_s, pdf = _render_once(case, report)
        contexts.append(context_s)
        totals.append(context_s + render_s)
        size = len(pdf)
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    _render_once(case, report)
    heap_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "label": label, "risks": Risk.objects.filter(case=case).count(),
        "actions": Action.objects.filter(case=case).count(),
        "communications": Communication.objects.filter(case=case).count(),
        "stakeholders": Stakeholder.objects.filter(case=case).count(),
        "median": statistics.median(totals), "min": min(totals), "max": max(totals),
        "context_ms": statistics.median(contexts) * 1000,
        "context_queries": len(context_queries), "render_queries": len(render_queries),
        "pdf_bytes": size, "heap_mb": heap_peak / 2**20, "max_rss_mb": _max_rss_mb(),
    }


# Delivery --------------------------------------------------------------------------------------


class Inbox:
    """The aiosmtpd handler: keeps every message it accepts, with the time it arrived."""

    def __init__(self):
        self.messages: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        with self.lock:
            self.messages.append((time.perf_counter(), envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _broker_answers(url: str) -> str:
    """An empty string when the broker answers, else why it does not."""
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # any failure means: no broker, run in-process
        return f"{type(exc).__name__}: {exc}"
    return ""


def _reset_connections() -> None:
    # As in tests/crisis/test_worker.py: connections made for the old broker URL must not be reused.
    from kombu import pools as kombu_pools

    kombu_pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _recipients_case(n: int) -> tuple[Case, User, Stakeholder]:
    admin, consultant, leader = _people()
    _, case = _organisation("Benchmark: status report deliveries", admin, consultant, leader)
    name = f"Bench recipients ({n})"
    stakeholder = Stakeholder.objects.filter(case=case, name=name).first()
    if stakeholder is None:
        stakeholder = services.stakeholder_create(actor=consultant, case=case, kind=Stakeholder.Kind.REGULATOR,
                                                  name=name, owner=consultant, receives_reports=True)
    for i in range(Contact.objects.filter(stakeholder=stakeholder).count(), n):
        services.contact_add(actor=consultant, stakeholder=stakeholder, name=f"Recipient {i + 1}",
                             email=f"recipient{i + 1}@bench.example")
    return case, consultant, stakeholder


def _statuses(report: StatusReport) -> dict[str, int]:
    while True:
        try:
            return dict(Delivery.objects.filter(status_report=report).order_by().values_list("status")
                        .annotate(n=Count("id")))
        except OperationalError:  # SQLite locked while the worker writes: read again
            time.sleep(0.02)


def _wait_for_deliveries(report: StatusReport, n: int, seconds: float) -> dict[str, int]:
    deadline = time.monotonic() + seconds
    while True:
        statuses = _statuses(report)
        done = statuses.get(Delivery.Status.SENT, 0) + statuses.get(Delivery.Status.FAILED, 0)
        if done >= n or time.monotonic() > deadline:
            return statuses
        time.sleep(0.05)


@contextmanager
def _worker(mode: str, broker: str, smtp_port: int) -> Iterator[None]:
    """One Celery worker, pool "solo" (concurrency 1), consuming from `broker`."""
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = broker
    _reset_connections()
    celery_app.control.purge()  # nothing left over from an earlier run is consumed here
    if mode == "thread":
        from celery.contrib.testing.worker import start_worker

        with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            yield
        return
    env = {**os.environ, "CELERY_BROKER_URL": broker, "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    worker = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--hostname=bench-reports@%h"], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not celery_app.control.ping(timeout=1.0):
            if worker.poll() is not None or time.monotonic() > deadline:
                sys.exit("The Celery worker did not start.")
        yield
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def measure_delivery(n: int, broker: str, mode: str) -> dict:
    from aiosmtpd.controller import Controller

    case, consultant, stakeholder = _recipients_case(n)
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    try:
        # Rendered here and held for approval, so that nothing is sent before the clock starts.
        celery_app.conf.task_always_eager = True
        celery_app.conf.broker_url = broker
        report = services.status_report_send_now(actor=consultant, case=case, stakeholders=[stakeholder],
                                                 requires_approval=True)
        report.refresh_from_db()
        if report.status != StatusReport.Status.AWAITING_APPROVAL:
            sys.exit(f"The report was not rendered for approval: {report.status}.")
        with inbox.lock:  # the request for approval to the consultants, not one of the deliveries
            inbox.messages.clear()
        # A second person approves (four eyes): the consultancy admin.
        approver = User.objects.filter(consultancy_role=User.ConsultancyRole.ADMIN).exclude(pk=consultant.pk).first()
        why_not = _broker_answers(broker)
        how = (f"one Celery worker ({'in this process, start_worker' if mode == 'thread' else 'its own process'}"
               f", pool solo, concurrency 1), broker {broker}")
        if why_not:
            how = f"IN-PROCESS FALLBACK: {broker} did not answer ({why_not}); Celery eager, no worker"
        with nullcontext() if why_not else _worker(mode, broker, port):
            started = time.perf_counter()
            services.status_report_approve(actor=approver, status_report=report)  # queues the n tasks
            queued = time.perf_counter()
            statuses = _wait_for_deliveries(report, n, seconds=max(120, n))
            finished = time.perf_counter()
    finally:
        controller.stop()
        celery_app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
    with_pdf = 0
    for _, content in inbox.messages:
        parts = [p for p in email.message_from_bytes(content).walk() if p.get_content_type() == "application/pdf"]
        with_pdf += bool(parts) and parts[0].get_payload(decode=True).startswith(b"%PDF-")
    arrivals = [at for at, _ in inbox.messages]
    report.report.refresh_from_db()
    return {
        "how": how, "n": n, "sent": statuses.get(Delivery.Status.SENT, 0),
        "failed": statuses.get(Delivery.Status.FAILED, 0), "queued": statuses.get(Delivery.Status.QUEUED, 0),
        "enqueue_s": queued - started, "total_s": finished - started,
        "smtp_span_s": (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0.0,
        "received": len(inbox.messages), "with_pdf": with_pdf, "pdf_bytes": report.report.size,
    }


# Output ----------------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    version = f" {connection.pg_version // 10000}.{connection.pg_version % 10000}" if vendor == "postgresql" else ""
    print(f"\n{vendor}{version} · DEBUG={settings.DEBUG} · {platform.node()} ({os.cpu_count()} cores) · "
          f"Python {platform.python_version()} · {timezone.now():%Y-%m-%d %H:%M} UTC\n")
    if not args.no_render:
        small = build_case(args.small, args.small, args.small, args.stakeholders)
        large = build_case(args.risks, args.actions, args.communications, args.stakeholders)
        gc.collect()
        baseline = _max_rss_mb()
        rows = [measure_render("small", *small, args.runs, args.warmups),
                measure_render("large", *large, args.runs, args.warmups)]
        print(f"Status report PDF: previous_report + status_report_context + render_pdf, {args.runs} timed runs "
              f"after {args.warmups} warm-up(s). Max RSS before the first render: {baseline:.0f} MB.\n")
        print("| case | risks | actions | comms | stakeholders | median s | min s | max s | context ms | "
              "context queries | render queries | PDF bytes | heap peak MB | max RSS MB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            print(f"| {r['label']} | {r['risks']} | {r['actions']} | {r['communications']} | {r['stakeholders']} | "
                  f"{r['median']:.2f} | {r['min']:.2f} | {r['max']:.2f} | {r['context_ms']:.0f} | "
                  f"{r['context_queries']} | {r['render_queries']} | {r['pdf_bytes']:,} | {r['heap_mb']:.1f} | "
                  f"{r['max_rss_mb']:.0f} |")
        if rows[0]["context_queries"] != rows[1]["context_queries"]:
            print("\nWARNING: the context's query count grows with the case.")
    if not args.no_delivery:
        d = measure_delivery(args.deliveries, args.broker, args.worker)
        print(f"\nDeliveries: {d['how']}. SMTP: aiosmtpd on 127.0.0.1 in this process.\n")
        print("| deliveries | sent | failed | still queued | enqueue s | all sent s | deliveries/s | "
              "SMTP first→last s | messages received | with the PDF | PDF bytes |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(f"| {d['n']} | {d['sent']} | {d['failed']} | {d['queued']} | {d['enqueue_s']:.2f} | "
              f"{d['total_s']:.2f} | {d['sent'] / d['total_s']:.1f} | {d['smtp_span_s']:.2f} | {d['received']} | "
              f"{d['with_pdf']} | {d['pdf_bytes']:,} |")
        if not d["received"] == d["with_pdf"] == d["sent"] == d["n"]:
            sys.exit("FAILED: the SMTP server did not receive one message with the PDF per delivery.")


if __name__ == "__main__":
    main()
