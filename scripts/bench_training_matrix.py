#!/usr/bin/env python
"""Benchmark the training matrix page and its API: SQL queries, median and p95 wall time.

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python scripts/bench_training_matrix.py --people 400

Migrates DATABASE_URL, then builds once per size a school "Benchmark: <N> people" (its eight
shipped requirements), N people spread over four roles and two departments, and three completed
records each on courses that satisfy the requirements (rows written with bulk_create: what is
measured is the read). Requests the matrix page (training:matrix, page 1 of 50 people, coverage
over all N) and the matrix API as a consultant with django.test.Client: one request for the query
count, 3 warm-ups, then --runs timed requests. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt

import benchlib
from benchlib import measure, user_get_or_create
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crisis import services
from crisis.models import Organisation, User
from training.models import Course, Person, Requirement, StaffRole, TrainingRecord


def build(people: int):
    admin = user_get_or_create("bench.admin@example.test", "Bench Admin", superuser=True)
    consultant = user_get_or_create("bench.consultant@example.test", "Bench Consultant",
                                    consultancy_role=User.ConsultancyRole.CONSULTANT)
    name = f"Benchmark: {people} people"
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is not None:
        return organisation, consultant
    organisation = services.organisation_create(actor=admin, name=name, kind=Organisation.Kind.SCHOOL)
    services.assignment_create(actor=admin, consultant=consultant, organisation=organisation)
    requirements = list(Requirement.objects.filter(organisation=organisation))
    courses = []
    for requirement in requirements:
        course = Course.objects.create(organisation=organisation, title=requirement.title,
                                       kind=requirement.course_kind)
        course.satisfies.set([requirement])
        courses.append(course)
    roles = list(StaffRole.objects.filter(organisation=organisation)[:4])
    rows = Person.objects.bulk_create(
        Person(organisation=organisation, full_name=f"Person {n:04}", department=("Science", "Arts")[n % 2])
        for n in range(people))
    Person.roles.through.objects.bulk_create(
        Person.roles.through(person_id=p.pk, staffrole_id=roles[n % len(roles)].pk) for n, p in enumerate(rows))
    today = timezone.localdate()
    TrainingRecord.objects.bulk_create(
        TrainingRecord(organisation=organisation, person=p, course=courses[(n + k) % len(courses)],
                       recorded_by=consultant, completed_on=today - dt.timedelta(days=30 * ((n + k) % 30)))
        for n, p in enumerate(rows) for k in range(3))
    return organisation, consultant


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    organisation, consultant = build(args.people)
    client = benchlib.Client()
    client.force_login(consultant, backend="django.contrib.auth.backends.ModelBackend")
    print(f"| what ({args.people} people × 8 requirements) | queries | median ms | p95 ms |")
    print("| --- | --- | --- | --- |")
    for label, name in (("matrix page", "training:matrix"), ("matrix API", "api-training-matrix")):
        found = measure(client, reverse(name, args=[organisation.pk]), args.runs, 3)
        print(f"| {label} | {found['queries']} | {found['median']:.1f} | {found['p95']:.1f} |")


if __name__ == "__main__":
    main()
