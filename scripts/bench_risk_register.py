#!/usr/bin/env python
"""Benchmark the risk register page and the risk list API: SQL queries, wall time, response size.

    createdb -h 127.0.0.1 -U postgres bench        # once; "already exists" is fine
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python scripts/bench_risk_register.py --risks 500 --runs 30

or `make bench` (same database by default; BENCH_ARGS="--risks 10" to change the arguments).

What it does:
1. `migrate` (through call_command) on DATABASE_URL; any database Django supports works, but the
   figures that matter are PostgreSQL's.
2. Builds, once per size, an organisation "Benchmark: <N> risks" with a consultant, a leader, a
   case and N risks spread over the six categories and all 25 cells of the matrix, written through
   crisis.services (risk_create, and a re-score for every third risk, a comment for every fifth)
   so the rows, history and audit events are exactly what the app writes. A second run with the
   same N reuses them; a different N gets its own organisation.
3. Requests each URL with django.test.Client as the consultant (force_login): one request under
   CaptureQueriesContext (which records queries whatever DEBUG says) for the query count, then
   3 warm-ups and --runs timed requests for the median and 95th percentile.
4. Prints a markdown table.

Measured: the register page (URL name crisis:risk_register, /cases/<ref>/risks/) and the risk list
API (api-case-risks, /api/v1/cases/<ref>/risks/). If a name does not resolve, the case page and
the case API are measured instead and the table says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time

from benchlib import measure, url_for, user_get_or_create  # importing benchlib sets Django up
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from assessment import services as assessment_services
from assessment.models import Risk, RiskCategory
from crisis import services
from crisis.models import Case, Membership, Organisation, User

ADMIN = "bench.admin@safehold.test"
CONSULTANT = "bench.consultant@safehold.test"
LEADER_TEMPLATE = "bench.leader.{n}@safehold.test"
CATEGORIES = list(RiskCategory.values)
THEMES = (
    "Single central record gaps", "LADO referral not followed up", "DBS checks out of date",
    "KCSIE training not completed", "Online safety filtering not monitored", "Media interest",
    "Insurer not notified", "Charity Commission serious incident report", "Staff suspension capacity",
    "Governance oversight", "Whistleblowing route unclear", "Records held insecurely",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--risks", type=int, default=500, help="risks on the benchmark case (default 500)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per URL (default 30)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed requests first (default 3)")
    parser.add_argument("--no-migrate", action="store_true", help="skip `migrate`")
    return parser.parse_args()


def build(n_risks: int) -> tuple[Case, User]:
    """The benchmark organisation and case with exactly `n_risks` risks; reused when already there."""
    admin = user_get_or_create(ADMIN, "Bench Admin", superuser=True)
    consultant = user_get_or_create(CONSULTANT, "Bench Consultant", consultancy_role=User.ConsultancyRole.CONSULTANT)
    leader = user_get_or_create(LEADER_TEMPLATE.format(n=n_risks), f"Bench Leader {n_risks}")
    name = f"Benchmark: {n_risks} risks"
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is None:
        organisation = services.organisation_create(actor=admin, name=name, kind=Organisation.Kind.CHARITY)
    services.assignment_create(actor=admin, consultant=consultant, organisation=organisation)
    if not Membership.objects.filter(user=leader, organisation=organisation).exists():
        services.membership_create(actor=admin, user=leader, organisation=organisation,
                                   role=Membership.Role.LEADER, job_title="Chair of trustees")
    case = Case.objects.filter(organisation=organisation).first()
    if case is None:
        case = services.case_create(
            actor=consultant, organisation=organisation, title="Benchmark case", summary="Benchmark data.",
            lead_consultant=consultant, consultants=[consultant],
            opened_on=timezone.localdate() - dt.timedelta(days=60),
        )
    existing = Risk.objects.filter(case=case).count()
    if existing == n_risks:
        return case, consultant
    if existing > n_risks:
        sys.exit(f"{name} already holds {existing} risks (more than {n_risks}); drop the database or use a new one.")
    owners = [consultant, leader]
    started = time.perf_counter()
    for i in range(existing, n_risks):
        likelihood, impact = i % 5 + 1, (i // 5) % 5 + 1
        risk = assessment_services.risk_create(
            actor=consultant, case=case, category=CATEGORIES[i % len(CATEGORIES)],
            title=f"{THEMES[i % len(THEMES)]} ({i + 1})",
            description="Benchmark risk: the register must stay fast as it grows.",
            cause="A cause written in a sentence or two.", consequence="What happens if nothing is done.",
            owner=owners[i % 2], identified_on=timezone.localdate() - dt.timedelta(days=50 - i % 20),
            inherent_likelihood=likelihood, inherent_impact=impact,
            current_likelihood=max(1, likelihood - 1), current_impact=impact,
            target_likelihood=1, target_impact=max(1, impact - 1),
        )
        if i % 3 == 0:
            assessment_services.risk_rescore(
                actor=consultant, risk=risk, reason="Reviewed at the case review: controls in place.",
                inherent_likelihood=likelihood, inherent_impact=impact,
                current_likelihood=1, current_impact=impact, target_likelihood=1, target_impact=max(1, impact - 1),
                reviewed_at=timezone.now() - dt.timedelta(days=i % 20),
            )
        if i % 5 == 0:
            assessment_services.risk_comment_create(actor=leader, risk=risk, body="Discussed at the trustees' meeting.")
    elapsed = time.perf_counter() - started
    print(f"Built {n_risks - existing} risks through the services in {elapsed:.1f} s.", file=sys.stderr)
    return case, consultant


def main() -> None:
    args = parse_args()
    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    if not args.no_migrate:
        call_command("migrate", interactive=False, verbosity=0)
    case, consultant = build(args.risks)
    client = Client()
    client.force_login(consultant)
    targets = [
        ("register page", *url_for("assessment:risk_register", "crisis:case_detail", case.reference)),
        ("risk list API", *url_for("api-case-risks", "api-case-detail", case.reference)),
    ]
    vendor = connection.vendor
    version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}" if vendor == "postgresql" else ""
    print(f"\n{args.risks} risks on {case.reference} · {vendor} {version} · DEBUG={settings.DEBUG} · "
          f"{args.runs} timed runs after {args.warmups} warm-ups · {platform.node()} "
          f"({os.cpu_count()} cores) · {timezone.now():%Y-%m-%d %H:%M} UTC\n")
    print("| what | URL | queries | median ms | p95 ms | response bytes | items |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for label, url, name in targets:
        result = measure(client, url, args.runs, args.warmups)
        shown = label if name in ("assessment:risk_register", "api-case-risks") else f"{label} — {name}"
        print(f"| {shown} | `{url}` | {result['queries']} | {result['median']:.1f} | {result['p95']:.1f} | "
              f"{result['bytes']:,} | {result['items'] or '—'} |")


if __name__ == "__main__":
    main()
