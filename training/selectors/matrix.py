"""Coverage and expiry at a glance: the training matrix (people × requirements), the organisation's
coverage, what expires soon, and one person's own training ("My training").

Every cell follows one rule, written once here (`cell_for`): a record counts for a requirement when
it was attended in full and completed (`TrainingRecord.counts`) and its course satisfies the
requirement; it expires on the record's own `expires_on` when set, else when the requirement says
(`Requirement.expiry_after`, None: never). The best (latest-expiring) counting record decides.

The grid is read in a fixed number of queries whatever the size of the organisation: the
requirements, the links between requirements and roles, between courses and requirements and
between people and roles, the people, and their counting records — as plain values, put together in
Python. Coverage is over every current person (leavers are left out), not only the page shown.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from crisis.access import can_manage_training
from crisis.csvfiles import csv_cell
from crisis.models import Organisation, Report
from crisis.pdf import document_furniture

from ..models import Course, Person, Requirement, Session, StaffRole, TrainingRecord
from .base import my_people

__all__ = [
    "EXPIRING_DAYS",
    "MATRIX_PAGE_SIZE",
    "STATUS_LABELS",
    "Cell",
    "Coverage",
    "Matrix",
    "cell_for",
    "coverage_summary",
    "expiring_soon",
    "get_training_record_report_for",
    "matrix_csv",
    "my_training",
    "training_matrix",
    "training_record_reports",
    "training_record_context",
]

EXPIRING_DAYS = 60
MATRIX_PAGE_SIZE = 50

CURRENT, EXPIRING, EXPIRED, MISSING, NOT_APPLICABLE = "current", "expiring", "expired", "missing", "na"
STATUS_LABELS = {
    CURRENT: "Current",
    EXPIRING: "Expires soon",
    EXPIRED: "Expired",
    MISSING: "Missing",
    NOT_APPLICABLE: "Not required",
}
# The order the statuses are counted, charted and listed in: in date first.
STATUSES = (CURRENT, EXPIRING, EXPIRED, MISSING)


@dataclass(frozen=True)
class Cell:
    """One person's standing on one requirement."""

    status: str
    expires_on: dt.date | None = None  # of the best counting record (None: never, or no record)
    completed_on: dt.date | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def applies(self) -> bool:
        return self.status != NOT_APPLICABLE

    @property
    def in_date(self) -> bool:
        """Current or expiring: the training holds today."""
        return self.status in (CURRENT, EXPIRING)


@dataclass
class Coverage:
    """How many applicable cells of a requirement (or of all of them) are in each status."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))

    @property
    def applicable(self) -> int:
        return sum(self.counts.values())

    @property
    def in_date(self) -> int:
        return self.counts[CURRENT] + self.counts[EXPIRING]

    @property
    def percent(self) -> int | None:
        """The share of applicable cells in date, rounded down (99.6% is not yet 100%); None when
        the requirement applies to nobody."""
        return self.in_date * 100 // self.applicable if self.applicable else None

    def add(self, status: str) -> None:
        if status != NOT_APPLICABLE:
            self.counts[status] += 1


@dataclass
class Matrix:
    requirements: list[Requirement]
    rows: list[dict]  # of the page: {"person": {...values}, "cells": [Cell, ...]} in requirement order
    page: Page
    coverage: list[tuple[Requirement, Coverage]]
    overall: Coverage
    roles: list[dict]  # {"id", "name"} for the filter
    departments: list[str]
    people_count: int
    today: dt.date


def cell_for(requirement: Requirement, records: list[tuple[dt.date, dt.date | None]], *, applies: bool,
             today: dt.date, days: int = EXPIRING_DAYS) -> Cell:
    """The cell of one requirement from one person's counting records for it, as (completed_on,
    the record's own expires_on). The best record is the one that expires last (never is best)."""
    if not applies:
        return Cell(NOT_APPLICABLE)
    best: tuple[dt.date | None, dt.date] | None = None
    for completed_on, expires_on in records:
        expires = expires_on or requirement.expiry_after(completed_on)
        if best is None or _later(expires, best[0]):
            best = (expires, completed_on)
    if best is None:
        return Cell(MISSING)
    expires, completed_on = best
    if expires is None or expires > today + dt.timedelta(days=days):
        status = CURRENT
    elif expires >= today:
        status = EXPIRING
    else:
        status = EXPIRED
    return Cell(status, expires_on=expires, completed_on=completed_on)


def _later(a: dt.date | None, b: dt.date | None) -> bool:
    if b is None:
        return False
    return a is None or a > b


# The grid ---------------------------------------------------------------------------------------


def _current_people(organisation_ids, today: dt.date):
    return (Person.objects.filter(organisation_id__in=organisation_ids)
            .filter(Q(leaver_date__isnull=True) | Q(leaver_date__gt=today)))


def _grid(*, organisation_ids: list[int], people: list[dict], people_query, today: dt.date) -> tuple[dict, dict]:
    """The requirements of the organisations (by organisation id, in order) and each person's cells
    (by person id, in the order of their organisation's requirements), in five queries. `people_query`
    is the same people as a queryset: their roles and records are read through it as a subquery (a
    list of 400 ids would be 400 parameters), so nobody else's records are ever read."""
    requirements: dict[int, list[Requirement]] = defaultdict(list)
    for requirement in Requirement.objects.filter(organisation_id__in=organisation_ids, active=True):
        requirements[requirement.organisation_id].append(requirement)
    requirement_roles: dict[int, set[int]] = defaultdict(set)
    for requirement_id, role_id in Requirement.roles.through.objects.filter(
            requirement__organisation_id__in=organisation_ids).values_list("requirement_id", "staffrole_id"):
        requirement_roles[requirement_id].add(role_id)
    satisfies: dict[int, set[int]] = defaultdict(set)
    for course_id, requirement_id in Course.satisfies.through.objects.filter(
            course__organisation_id__in=organisation_ids).values_list("course_id", "requirement_id"):
        satisfies[course_id].add(requirement_id)
    person_roles: dict[int, set[int]] = defaultdict(set)
    for person_id, role_id in Person.roles.through.objects.filter(person__in=people_query).values_list(
            "person_id", "staffrole_id"):
        person_roles[person_id].add(role_id)
    # What `TrainingRecord.counts` says, asked of the database: attended in full and completed.
    records: dict[tuple[int, int], list] = defaultdict(list)
    for person_id, course_id, completed_on, expires_on in TrainingRecord.objects.filter(
            organisation_id__in=organisation_ids, person__in=people_query,
            attendance=TrainingRecord.Attendance.ATTENDED, completed_on__isnull=False,
    ).values_list("person_id", "course_id", "completed_on", "expires_on"):
        for requirement_id in satisfies.get(course_id, ()):
            records[person_id, requirement_id].append((completed_on, expires_on))

    cells: dict[int, list[Cell]] = {}
    for person in people:
        roles = person_roles.get(person["id"], set())
        cells[person["id"]] = [
            cell_for(requirement, records.get((person["id"], requirement.pk), []), today=today,
                     applies=requirement.everyone or bool(roles & requirement_roles.get(requirement.pk, set())))
            for requirement in requirements[person["organisation_id"]]
        ]
    return requirements, {"cells": cells, "person_roles": person_roles}


def _organisation_grid(organisation: Organisation, *, today: dt.date, role: int | None = None,
                       department: str | None = None):
    people_query = _current_people([organisation.pk], today)
    people = list(people_query.values("id", "organisation_id", "full_name", "department", "email", "user_id")
                  .order_by("full_name", "id"))
    requirements, grid = _grid(organisation_ids=[organisation.pk], people=people, people_query=people_query,
                               today=today)
    if role is not None:
        people = [person for person in people if role in grid["person_roles"].get(person["id"], ())]
    if department:
        people = [person for person in people if person["department"] == department]
    return requirements[organisation.pk], people, grid["cells"]


def _coverage(requirements: list[Requirement], people: list[dict], cells: dict) -> tuple[list, Coverage]:
    per_requirement = [Coverage() for _ in requirements]
    overall = Coverage()
    for person in people:
        for index, cell in enumerate(cells[person["id"]]):
            per_requirement[index].add(cell.status)
            overall.add(cell.status)
    return list(zip(requirements, per_requirement, strict=True)), overall


def training_matrix(*, user, organisation: Organisation, page=1, role: int | None = None,
                    department: str | None = None, today: dt.date | None = None,
                    page_size: int = MATRIX_PAGE_SIZE) -> Matrix:
    """The organisation's matrix for a user who keeps its training (the caller has checked that,
    `training_organisation`): the requirements, a page of people with their cells, and coverage
    over every current person the filters leave (not only the page). `page_size=None`: one page of
    everybody (the CSV, the PDF)."""
    if not can_manage_training(user=user, organisation_id=organisation.pk):
        raise PermissionDenied("The matrix is read by the organisation's consultants and leaders.")
    today = today or timezone.localdate()
    requirements, people, cells = _organisation_grid(organisation, today=today, role=role, department=department)
    coverage, overall = _coverage(requirements, people, cells)
    paginator = Paginator(people, page_size or max(len(people), 1))
    page_obj = paginator.get_page(page)
    rows = [{"person": person, "cells": cells[person["id"]]} for person in page_obj.object_list]
    return Matrix(
        requirements=requirements, rows=rows, page=page_obj, coverage=coverage, overall=overall,
        roles=list(StaffRole.objects.filter(organisation=organisation).values("id", "name")),
        departments=list(Person.objects.filter(organisation=organisation).exclude(department="")
                         .order_by("department").values_list("department", flat=True).distinct()),
        people_count=len(people), today=today,
    )


def coverage_summary(organisation: Organisation, *, user=None, today: dt.date | None = None) -> dict | None:
    """The organisation's figures for a panel: the share in date, how many expire within 60 days,
    how many are expired or missing. None for a user who does not keep its training."""
    if user is not None and not can_manage_training(user=user, organisation_id=organisation.pk):
        return None
    today = today or timezone.localdate()
    requirements, people, cells = _organisation_grid(organisation, today=today)
    _, overall = _coverage(requirements, people, cells)
    return {"percent": overall.percent, "expiring": overall.counts[EXPIRING], "expired": overall.counts[EXPIRED],
            "missing": overall.counts[MISSING], "applicable": overall.applicable, "people": len(people)}


def expiring_soon(user, organisation: Organisation, days: int = EXPIRING_DAYS, *,
                  today: dt.date | None = None) -> list[dict]:
    """Who holds training that expires within `days` (today included), soonest first:
    {"person", "requirement", "expires_on"}. Empty for a user who does not keep the training."""
    if not can_manage_training(user=user, organisation_id=organisation.pk):
        return []
    today = today or timezone.localdate()
    requirements, people, cells = _organisation_grid(organisation, today=today)
    horizon = today + dt.timedelta(days=days)
    found = [
        {"person": person, "requirement": requirement, "expires_on": cell.expires_on}
        for person in people
        for requirement, cell in zip(requirements, cells[person["id"]], strict=True)
        if cell.in_date and cell.expires_on is not None and cell.expires_on <= horizon
    ]
    return sorted(found, key=lambda item: (item["expires_on"], item["person"]["full_name"]))


def _next_step(requirement: Requirement, cell: Cell) -> str:
    if cell.status == EXPIRED:
        return f"Book: {requirement.title} — expired {cell.expires_on:%-d %b %Y}"
    if cell.status == MISSING:
        return f"Book: {requirement.title} — not done yet"
    if cell.status == EXPIRING:
        return f"Renew: {requirement.title} — expires {cell.expires_on:%-d %b %Y}"
    return ""


_URGENCY = {EXPIRED: 0, MISSING: 1, EXPIRING: 2, CURRENT: 3}


def my_training(user, *, today: dt.date | None = None) -> list[dict]:
    """The user's own training, for each staff-list entry linked to their account: the requirements
    that apply to them with their status, and what to do next (expired first, then missing, then
    expiring; mandatory before optional). Nobody else's records are read."""
    today = today or timezone.localdate()
    people_query = my_people(user).filter(Q(leaver_date__isnull=True) | Q(leaver_date__gt=today))
    people = list(people_query.values("id", "organisation_id", "organisation__name", "full_name", "department"))
    if not people:
        return []
    requirements, grid = _grid(organisation_ids=sorted({p["organisation_id"] for p in people}), people=people,
                               people_query=people_query.values("id"), today=today)
    found = []
    for person in people:
        items = [
            {"requirement": requirement, "cell": cell, "next_step": _next_step(requirement, cell)}
            for requirement, cell in zip(requirements[person["organisation_id"]], grid["cells"][person["id"]],
                                         strict=True)
            if cell.applies
        ]
        to_do = sorted((item for item in items if item["next_step"]),
                       key=lambda item: (_URGENCY[item["cell"].status], not item["requirement"].mandatory,
                                         item["cell"].expires_on or dt.date.max))
        found.append({"person": person, "items": items, "to_do": to_do})
    return found


def training_record_context(*, report: Report, period_from: dt.date, period_to: dt.date,
                            today: dt.date | None = None) -> dict:
    """What the training record PDF shows, for the worker (the request was checked): coverage per
    requirement, who is out of date (expired or missing; mandatory requirements first) and the
    sessions delivered in the period. Names of adults on the staff list only; never a child's. The
    service adds the chart (training/charts.py draws it from these figures)."""
    today = today or timezone.localdate()
    case = report.case
    organisation = case.organisation
    requirements, people, cells = _organisation_grid(organisation, today=today)
    coverage, overall = _coverage(requirements, people, cells)
    out_of_date = sorted(
        ({"person": person, "requirement": requirement, "cell": cell}
         for person in people
         for requirement, cell in zip(requirements, cells[person["id"]], strict=True)
         if cell.status in (EXPIRED, MISSING)),
        key=lambda item: (not item["requirement"].mandatory, item["requirement"].position, item["requirement"].pk,
                          item["cell"].status != EXPIRED, item["person"]["full_name"]),
    )
    sessions = list(
        Session.objects.filter(organisation=organisation, date__gte=period_from, date__lte=period_to)
        .select_related("course").order_by("date", "id")
        .annotate(attended=Count("records", filter=Q(records__attendance=TrainingRecord.Attendance.ATTENDED)))
    )
    version = Report.objects.filter(organisation_id=organisation.pk, kind=Report.Kind.TRAINING_RECORD,
                                    pk__lte=report.pk).count()
    return {
        "case": case, "organisation": organisation, "report": report, "today": today,
        "period_from": period_from, "period_to": period_to, "days": EXPIRING_DAYS,
        "coverage": coverage, "overall": overall, "people_count": len(people),
        "out_of_date": out_of_date, "sessions": sessions,
        "sessions_attended": sum(session.attended for session in sessions),
        **document_furniture(case=case, version=f"Training record version {version}", dated=today),
    }


def training_record_reports(*, user, organisation: Organisation):
    """The organisation's training record PDFs, newest first, for those who keep its training."""
    if not can_manage_training(user=user, organisation_id=organisation.pk):
        return Report.objects.none()
    return Report.objects.filter(organisation_id=organisation.pk, kind=Report.Kind.TRAINING_RECORD)


def get_training_record_report_for(*, user, organisation: Organisation, pk) -> Report:
    try:
        return training_record_reports(user=user, organisation=organisation).select_related("case").get(pk=pk)
    except (Report.DoesNotExist, ValueError, TypeError):
        raise Http404("No such training record.") from None


def matrix_csv(grid: Matrix) -> str:
    """One row per person; per requirement, its status in words and the date it expires."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["name", "email", "department"]
    for requirement in grid.requirements:
        header += [requirement.title, f"{requirement.title} — expires"]
    writer.writerow([csv_cell(name) for name in header])
    for row in grid.rows:
        person = row["person"]
        values = [person["full_name"], person["email"], person["department"]]
        for cell in row["cells"]:
            values += [cell.label, cell.expires_on]
        writer.writerow([csv_cell(value) for value in values])
    return out.getvalue()
