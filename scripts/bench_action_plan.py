#!/usr/bin/env python
"""Benchmark the action plan: the leader's page, the action list API and the action plan PDF.

    createdb -h 127.0.0.1 -U postgres bench        # once; "already exists" is fine
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python scripts/bench_action_plan.py --actions 300 --runs 30

or `make bench-actions` (same database by default; BENCH_ACTIONS_ARGS="--actions 10" to change them).

What it does:
1. `migrate` (through call_command) on DATABASE_URL; any database Django supports works, but the
   figures that matter are PostgreSQL's.
2. Builds, once per size, an organisation "Benchmark: <N> actions" with a consultant, a leader, a
   member of staff, a case with 20 risks and N actions, all written through crisis.services
   (action_create linked to one or two risks; progress for every third, blocked for every
   eleventh, done by its owner for every fourth and verified by the consultant for every eighth,
   a note for every fifth, a link as evidence for every sixth) so rows, history and audit events
   are what the app writes. A second run with the same N reuses them; a different N gets its own
   organisation.
3. Requests each URL with django.test.Client (force_login): one request under
   CaptureQueriesContext (which records queries whatever DEBUG says) for the query count, then
   --warmups untimed and --runs timed requests for the median and 95th percentile.
4. Renders the action plan PDF: once through the services as the app does (report_request, then
   the worker's report_render: render time and size stored on the Report), and --renders times
   directly through crisis.pdf.render_pdf with response_selectors.action_plan_context for the median.
5. Prints markdown tables.

Measured: the leader's "Our action plan" page (crisis:our_action_plan, /actions/) as the leader,
the case's action list page (crisis:action_list) as the consultant, and the action list API
(api-case-actions, /api/v1/cases/<ref>/actions/) as the leader. A name that does not resolve is
replaced by the case page (or the case API) and the table says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time

from benchlib import measure, stats, url_for, user_get_or_create  # importing benchlib sets Django up
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from assessment import services as assessment_services
from assessment.models import Risk, RiskCategory
from crisis import services
from crisis.models import Case, Membership, Organisation, Report, User
from response import selectors as response_selectors
from response import services as response_services
from response.models import Action

ADMIN = "bench.admin@safehold.test"
CONSULTANT = "bench.consultant@safehold.test"
LEADER_TEMPLATE = "bench.plan-leader.{n}@safehold.test"
STAFF_TEMPLATE = "bench.plan-staff.{n}@safehold.test"
RISKS = 20
CATEGORIES = list(RiskCategory.values)
THEMES = (
    "Audit the single central record", "Refresh DBS checks for volunteers", "Rewrite the allegations policy",
    "Brief all staff on the code of conduct", "Review online filtering and monitoring", "Letter to parents",
    "Notify the insurer", "Serious incident report to the Charity Commission", "Train a deputy DSL",
    "Governors' safeguarding training", "Whistleblowing route outside the board", "Secure the records",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=300, help="actions on the benchmark case (default 300)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per URL (default 30)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed requests first (default 3)")
    parser.add_argument("--renders", type=int, default=5, help="timed PDF renders (default 5)")
    parser.add_argument("--no-migrate", action="store_true", help="skip `migrate`")
    return parser.parse_args()


def _member(admin: User, user: User, organisation: Organisation, role: str, job_title: str) -> None:
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        services.membership_create(actor=admin, user=user, organisation=organisation, role=role, job_title=job_title)


def build(n_actions: int) -> tuple[Case, User, User]:
    """The benchmark organisation and case with exactly `n_actions` actions; reused when already there."""
    admin = user_get_or_create(ADMIN, "Bench Admin", superuser=True)
    consultant = user_get_or_create(CONSULTANT, "Bench Consultant", consultancy_role=User.ConsultancyRole.CONSULTANT)
    leader = user_get_or_create(LEADER_TEMPLATE.format(n=n_actions), f"Bench Leader {n_actions}")
    staff = user_get_or_create(STAFF_TEMPLATE.format(n=n_actions), f"Bench Staff {n_actions}")
    name = f"Benchmark: {n_actions} actions"
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = services.organisation_create(actor=admin, name=name, kind=Organisation.Kind.SCHOOL)
    services.assignment_create(actor=admin, consultant=consultant, organisation=organisation)
    _member(admin, leader, organisation, Membership.Role.LEADER, "Head teacher")
    _member(admin, staff, organisation, Membership.Role.STAFF, "Head of Year 9")
    case = Case.objects.filter(organisation=organisation).first()
    today = timezone.localdate()
    if case is None:
        case = services.case_create(
            actor=consultant, organisation=organisation, title="Benchmark case", summary="Benchmark data.",
            lead_consultant=consultant, consultants=[consultant], opened_on=today - dt.timedelta(days=60),
        )
    risks = list(Risk.objects.filter(case=case).order_by("id"))
    for i in range(len(risks), RISKS):
        likelihood, impact = i % 5 + 1, (i // 5) % 5 + 1
        risks.append(assessment_services.risk_create(
            actor=consultant, case=case, category=CATEGORIES[i % len(CATEGORIES)], title=f"Benchmark risk {i + 1}",
            description="A risk the action plan treats.", owner=leader,
            inherent_likelihood=likelihood, inherent_impact=impact, current_likelihood=likelihood,
            current_impact=impact, target_likelihood=1, target_impact=max(1, impact - 1),
        ))
    existing = Action.objects.filter(case=case).count()
    if existing == n_actions:
        return case, consultant, leader
    if existing > n_actions:
        sys.exit(f"{name} already holds {existing} actions (more than {n_actions}); "
                 "drop the database or use a new one.")
    owners = [leader, staff, consultant]
    started = time.perf_counter()
    for i in range(existing, n_actions):
        owner = owners[i % 3]
        action = response_services.action_create(
            actor=consultant, case=case, title=f"{THEMES[i % len(THEMES)]} ({i + 1})",
            description="Benchmark action: the plan must stay fast as it grows.", owner=owner,
            priority=list(Action.Priority.values)[i % 4], start_on=today - dt.timedelta(days=30),
            due_on=today + dt.timedelta(days=i % 40 - 15),
            risks=[risks[i % RISKS], risks[(i * 7) % RISKS]],
        )
        if i % 11 == 0:
            response_services.action_update_progress(actor=owner, action=action, progress=30,
                                                     status=Action.Status.BLOCKED,
                                            blocked_reason="Waiting for the trust's IT provider.")
        elif i % 4 == 0:
            action = response_services.action_mark_done(actor=owner, action=action,
                                                        completion_notes="Done; see evidence.")
            if i % 8 == 0:
                response_services.action_verify(actor=consultant, action=action)
        elif i % 3 == 0:
            response_services.action_update_progress(actor=owner, action=action, progress=10 * (i % 10))
        if i % 5 == 0:
            response_services.action_note_add(actor=owner, action=action,
                                              body="Discussed at the weekly leadership meeting.")
        if i % 6 == 0:
            response_services.action_evidence_add_link(actor=owner, action=action, url=f"https://example.test/evidence/{i}",
                                              title="Minutes")
    elapsed = time.perf_counter() - started
    print(f"Built {n_actions - existing} actions through the services in {elapsed:.1f} s.", file=sys.stderr)
    return case, consultant, leader


def render(case: Case, consultant: User, renders: int) -> tuple[Report, dict, int]:
    """One report the app's way (requested, rendered by the worker's service), then direct renders."""
    from crisis.pdf import render_pdf
    from response.services import REPORT_TEMPLATES

    report = response_services.report_request(actor=consultant, case=case)  # eager without a broker: rendered on commit
    report.refresh_from_db()
    if report.status != Report.Status.READY:
        report = response_services.report_render(report_id=report.pk)
    template = REPORT_TEMPLATES[Report.Kind.ACTION_PLAN]
    times, size = [], 0
    for _ in range(renders):
        started = time.perf_counter()
        pdf = render_pdf(template, response_selectors.action_plan_context(case=case, report=report))
        times.append((time.perf_counter() - started) * 1000)
        size = len(pdf)
    return report, stats(times), size


def main() -> None:
    args = parse_args()
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    case, consultant, leader = build(args.actions)
    as_leader, as_consultant = Client(), Client()
    as_leader.force_login(leader)
    as_consultant.force_login(consultant)
    targets = [
        ("our action plan page (leader)", as_leader,
         *url_for("response:our_action_plan", "crisis:case_detail", case.reference, with_reference=False)),
        ("case action list page (consultant)", as_consultant,
         *url_for("response:action_list", "crisis:case_detail", case.reference)),
        ("action list API (leader)", as_leader, *url_for("api-case-actions", "api-case-detail", case.reference)),
    ]
    vendor = connection.vendor
    version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}" if vendor == "postgresql" else ""
    print(f"\n{args.actions} actions on {case.reference} · {vendor} {version} · DEBUG={settings.DEBUG} · "
          f"{args.runs} timed runs after {args.warmups} warm-ups · {platform.node()} "
          f"({os.cpu_count()} cores) · {timezone.now():%Y-%m-%d %H:%M} UTC\n")
    print("| what | URL | queries | median ms | p95 ms | response bytes | items |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    wanted = ("response:our_action_plan", "response:action_list", "api-case-actions")
    for label, client, url, name in targets:
        result = measure(client, url, args.runs, args.warmups)
        shown = label if name in wanted else f"{label} — {name}"
        print(f"| {shown} | `{url}` | {result['queries']} | {result['median']:.1f} | {result['p95']:.1f} | "
              f"{result['bytes']:,} | {result['items'] or '—'} |")
    report, timing, size = render(case, consultant, args.renders)
    print("\n| action plan PDF | ms | PDF bytes |")
    print("| --- | ---: | ---: |")
    print(f"| through the services (report_request → report_render; Report.render_ms) | {report.render_ms} | "
          f"{report.size:,} |")
    print(f"| render_pdf + action_plan_context, median of {args.renders} (p95 {timing['p95']:.0f}) | "
          f"{timing['median']:.0f} | {size:,} |")


if __name__ == "__main__":
    main()
