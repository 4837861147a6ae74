"""The demo's cases: opened, their chronology and deadlines, each stage's records written while the
case is in that stage, and the stage moves, each dated when it happened."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from crisis import services
from crisis.models import Case, Organisation, Stage, User

from .assessment import seed_register
from .clock import add_working_days, moment
from .data import (
    CaseSpec,
)
from .response import seed_response


def seed_case(spec: CaseSpec, organisation: Organisation, users: dict[str, User], created: list[str]) -> Case:
    existing = Case.objects.filter(organisation=organisation, title=spec.title).first()
    if existing is not None:
        seed_register(existing, spec, users, created, new_case=False)
        seed_response(existing, spec, users, created)
        return existing
    today = timezone.localdate()
    opened_on = today - dt.timedelta(days=spec.opened_days_ago)
    lead = users[spec.lead]
    case = services.case_create(
        actor=lead,
        organisation=organisation,
        title=spec.title,
        summary=spec.summary,
        severity=spec.severity,
        rag=spec.rag,
        restricted=spec.restricted,
        lead_consultant=lead,
        consultants=[users[email] for email in spec.team],
        leaders=[users[email] for email in spec.leaders],
        opened_on=opened_on,
    )
    for entry in spec.entries:
        services.chronology_entry_create(
            actor=lead,
            case=case,
            title=entry.title,
            occurred_at=moment(opened_on, entry.day, entry.at),
            kind=entry.kind,
            details=entry.details,
            decision=entry.decision,
            rationale=entry.rationale,
            significant=entry.significant,
            shared_with_organisation=entry.shared,
        )
    for due in spec.deadlines:
        start = today if due.from_today else opened_on
        due_on = (
            add_working_days(start, due.days) if due.working_days else start + dt.timedelta(days=due.days)
        )
        deadline = services.deadline_create(
            actor=lead, case=case, title=due.title, due_on=due_on, statutory=due.statutory
        )
        if due.done_day is not None:
            services.deadline_complete(
                actor=lead, deadline=deadline, completed_on=min(opened_on + dt.timedelta(days=due.done_day), today)
            )
    # The register is written while the case is still in Assessment (re-scores carry their own
    # past dates), then signed off, and only then does the case move on.
    seed_register(case, spec, users, created, new_case=True)
    for day, to, rationale in spec.stages:
        if to in (Stage.RECOVERY, Stage.CLOSED):
            # The gate out of Response needs the action plan (actions for the critical and high risks,
            # enough of them done), so the plan and its checkpoints are written before the case moves on.
            seed_response(case, spec, users, created)
        if to == Stage.CLOSED:
            break  # closed by demo/recovery.py, through the exit gate, once stage 4's records exist
        services.case_advance_stage(
            actor=lead, case=case, to=to, rationale=rationale, effective_at=moment(opened_on, day, "17:00")
        )
    seed_response(case, spec, users, created)
    case.refresh_from_db()
    created.append(f"case {case.reference} {spec.title} ({case.get_stage_display()})")
    return case

