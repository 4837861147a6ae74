"""Writes of update schedules and status reports: when they are due, rendering, approval, and the
idempotent deliveries that email them once per recipient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.email import templated_email
from crisis.models import Case, Report, User
from crisis.services import chronology_record_automatic, report_render_and_store

from .. import guard
from ..models import (
    AudienceProfile,
    Contact,
    Delivery,
    GuardOverride,
    Stakeholder,
    StatusReport,
    UpdateSchedule,
)
from ..report_content import audience_for_stakeholders, email_context, needs_approval, reply_to
from ..schedule import first_due, following_due
from .base import LINK_SALT, _check_stakeholders, _require_manager

# Schedules -------------------------------------------------------------------------------------


def _check_cadence(cadence: str, weekday, day_of_month) -> None:
    if cadence in (UpdateSchedule.Cadence.WEEKLY, UpdateSchedule.Cadence.FORTNIGHTLY) and weekday is None:
        raise ValidationError({"weekday": f"A {cadence} schedule needs the weekday it goes out on."})
    if cadence == UpdateSchedule.Cadence.MONTHLY and day_of_month is None:
        raise ValidationError({"day_of_month": "A monthly schedule needs the day of the month it goes out on."})


@transaction.atomic
def schedule_create(*, actor: User, case: Case, name: str, stakeholders: Iterable[Stakeholder], cadence: str,
                    time_of_day: dt.time, weekday: int | None = None, day_of_month: int | None = None,
                    requires_approval: bool = True, audience: AudienceProfile | None = None) -> UpdateSchedule:
    schedule = UpdateSchedule(organisation_id=case.organisation_id, case=case, created_by=actor)
    return _schedule_save(actor, schedule, "schedule.created", name=name, stakeholders=stakeholders,
                          cadence=cadence, time_of_day=time_of_day, weekday=weekday, day_of_month=day_of_month,
                          requires_approval=requires_approval, audience=audience)


@transaction.atomic
def schedule_update(*, actor: User, schedule: UpdateSchedule, name: str, stakeholders: Iterable[Stakeholder],
                    cadence: str, time_of_day: dt.time, weekday: int | None = None, day_of_month: int | None = None,
                    requires_approval: bool = True, audience: AudienceProfile | None = None) -> UpdateSchedule:
    """Change a schedule; its next due time is worked out again from now."""
    return _schedule_save(actor, schedule, "schedule.updated", name=name, stakeholders=stakeholders,
                          cadence=cadence, time_of_day=time_of_day, weekday=weekday, day_of_month=day_of_month,
                          requires_approval=requires_approval, audience=audience)


def _schedule_save(actor: User, schedule: UpdateSchedule, verb: str, *, name: str,
                   stakeholders: Iterable[Stakeholder], cadence: str, time_of_day: dt.time, weekday: int | None,
                   day_of_month: int | None, requires_approval: bool,
                   audience: AudienceProfile | None) -> UpdateSchedule:
    """Check and write a new or changed schedule: who receives it, which version, its cadence, its
    next due time. A schedule to an audience outside the organisation always needs approval."""
    case = schedule.case
    _require_manager(actor, case)
    chosen = _check_stakeholders(case, stakeholders)
    if not chosen:
        raise ValidationError({"stakeholders": "Choose who receives the reports."})
    not_receiving = [s.name for s in chosen if not s.receives_reports]
    if not_receiving:
        raise ValidationError({"stakeholders": f"Not set to receive status reports: {', '.join(not_receiving)}."})
    _check_cadence(cadence, weekday, day_of_month)
    audience = audience_for_stakeholders(chosen, audience)
    monthly = cadence == UpdateSchedule.Cadence.MONTHLY
    schedule.name, schedule.cadence, schedule.time_of_day = (name or "").strip(), cadence, time_of_day
    schedule.weekday = None if monthly else weekday
    schedule.day_of_month = day_of_month if monthly else None
    schedule.audience = audience
    schedule.requires_approval = needs_approval(audience, requires_approval)
    schedule.next_due_at = timezone.now()  # checked below, then set from the cadence
    schedule.full_clean(exclude=["case", "organisation", "created_by", "audience"])
    schedule.next_due_at = first_due(cadence=cadence, at=time_of_day, after=timezone.now(),
                                     weekday=schedule.weekday, day_of_month=schedule.day_of_month)
    schedule.save()
    schedule.stakeholders.set(chosen)
    audit_record(actor=actor, verb=verb, obj=schedule, case=case,
                 summary={"cadence": cadence, "next_due_at": schedule.next_due_at.isoformat(),
                          "audience": audience.key, "requires_approval": schedule.requires_approval})
    return schedule


@transaction.atomic
def schedule_change(*, actor: User, schedule: UpdateSchedule, active: bool | None = None,
                    **changes) -> UpdateSchedule:
    """Change some of a schedule's fields and pause or resume it, together or not at all.

    Fields not given keep their value; `active` equal to the current state changes nothing.
    """
    unknown = set(changes) - {"name", "stakeholders", "cadence", "time_of_day", "weekday", "day_of_month",
                              "requires_approval", "audience"}
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    if changes:
        current = {"name": schedule.name, "stakeholders": list(schedule.stakeholders.all()),
                   "cadence": schedule.cadence, "time_of_day": schedule.time_of_day, "weekday": schedule.weekday,
                   "day_of_month": schedule.day_of_month, "requires_approval": schedule.requires_approval,
                   "audience": schedule.audience}
        schedule_update(actor=actor, schedule=schedule, **{**current, **changes})
    if active is not None and active != schedule.active:
        schedule_set_active(actor=actor, schedule=schedule, active=active)
    return schedule


@transaction.atomic
def schedule_set_active(*, actor: User, schedule: UpdateSchedule, active: bool) -> UpdateSchedule:
    """Pause or resume a schedule. A resumed schedule starts from its next slot after now (no backlog)."""
    _require_manager(actor, schedule.case)
    if schedule.active == active:
        raise ValidationError("This schedule is already " + ("active." if active else "paused."))
    schedule.active = active
    if active:
        schedule.next_due_at = first_due(cadence=schedule.cadence, at=schedule.time_of_day, after=timezone.now(),
                                         weekday=schedule.weekday, day_of_month=schedule.day_of_month)
    schedule.save(update_fields=["active", "next_due_at"])
    audit_record(actor=actor, verb="schedule.resumed" if active else "schedule.paused", obj=schedule,
                 case=schedule.case)
    return schedule


def dispatch_due_schedules(*, now: dt.datetime | None = None) -> list[int]:
    """Start a status report for every schedule that is due, and move each schedule on.

    Each schedule row is locked (skipping rows another dispatcher holds) and moved to its next
    slot in the same transaction that creates the report, so a due schedule dispatches once.
    Returns the new reports' ids; their rendering is queued after commit.
    """
    now = now or timezone.now()
    created: list[int] = []
    with transaction.atomic():
        due = (UpdateSchedule.objects.select_for_update(skip_locked=True)
               .filter(active=True, next_due_at__lte=now).select_related("case", "audience")
               .order_by("next_due_at"))
        for schedule in due:
            report = StatusReport.objects.create(
                organisation_id=schedule.organisation_id, case=schedule.case, schedule=schedule,
                audience_id=schedule.audience_id, number=_next_number(schedule.case),
                requires_approval=needs_approval(schedule.audience, schedule.requires_approval),
            )
            report.stakeholders.set(schedule.stakeholders.all())
            schedule.next_due_at = following_due(
                cadence=schedule.cadence, at=schedule.time_of_day, previous=schedule.next_due_at, now=now,
                weekday=schedule.weekday, day_of_month=schedule.day_of_month,
            )
            schedule.save(update_fields=["next_due_at"])
            created.append(report.pk)
        if created:
            from ..tasks import generate_status_report

            for pk in created:
                transaction.on_commit(lambda pk=pk: generate_status_report.delay(status_report_id=pk))
    return created


def _next_number(case: Case) -> int:
    return (StatusReport.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def status_report_send_now(*, actor: User, case: Case, stakeholders: Iterable[Stakeholder],
                           requires_approval: bool = False, audience: AudienceProfile | None = None
                           ) -> StatusReport:
    """A consultant sends a status report now, outside any schedule: to an audience outside the
    organisation it waits for a second consultant's approval."""
    _require_manager(actor, case)
    chosen = _check_stakeholders(case, stakeholders)
    if not chosen:
        raise ValidationError({"stakeholders": "Choose who receives the report."})
    not_receiving = [s.name for s in chosen if not s.receives_reports]
    if not_receiving:
        raise ValidationError({"stakeholders": f"Not set to receive status reports: {', '.join(not_receiving)}."})
    audience = audience_for_stakeholders(chosen, audience)
    report = StatusReport.objects.create(organisation_id=case.organisation_id, case=case, requested_by=actor,
                                         audience=audience, number=_next_number(case),
                                         requires_approval=needs_approval(audience, requires_approval))
    report.stakeholders.set(chosen)
    audit_record(actor=actor, verb="status_report.requested", obj=report, case=case,
                 summary={"stakeholders": [s.name for s in chosen], "audience": audience.key,
                          "requires_approval": report.requires_approval})
    from ..tasks import generate_status_report

    transaction.on_commit(lambda: generate_status_report.delay(status_report_id=report.pk))
    return report



# Generating and sending ------------------------------------------------------------------------


def status_report_generate(*, status_report_id: int) -> list[int]:
    """Render the PDF of a report that is generating, check what it says, and move it on.

    The personal-data check runs on the report's outgoing texts first; the PDF is rendered with the
    "no personal data of children" footer only when the check found nothing. A report with a hit
    is blocked; otherwise it waits for approval or, for an internal audience set to go without,
    its deliveries are created. Returns the ids of deliveries to queue. Idempotent: a report that
    is no longer generating is not rendered again, and deliveries are unique per recipient.
    """
    with transaction.atomic():
        status_report = (StatusReport.objects.select_for_update(of=("self",))
                         .select_related("case", "case__organisation", "case__lead_consultant", "audience",
                                         "report")
                         .get(pk=status_report_id))
        if status_report.status == StatusReport.Status.GENERATING:
            _render(status_report)
            return _after_check(status_report)
        if status_report.status != StatusReport.Status.SENDING:
            return []
        return _create_deliveries(status_report)


def _render(status_report: StatusReport) -> None:
    """One rendering (revision) of a locked, generating report: content, check, PDF."""
    from ..report_content import previous_report, status_report_context

    case = status_report.case
    status_report.sections = list(status_report.audience.sections)
    status_report.revision += 1
    previous = previous_report(status_report=status_report)
    context = status_report_context(case=case, previous=previous, status_report=status_report)
    texts, hits = guard.check_report(status_report, context)
    context["guard_clean"] = not hits
    report = status_report.report or Report(organisation_id=case.organisation_id, case=case,
                                            kind=Report.Kind.STATUS_REPORT,
                                            requested_by=_recorded_requester(status_report))
    replaced = report.file.name if report.file else ""
    report.title = (f"Status report {status_report.number} ({status_report.audience.name}) — {case.reference} — "
                    f"{context['dated']:%d %b %Y}")
    report_render_and_store(report=report, template="stakeholders/pdf/status_report.html", context=context,
                            filename=f"{case.reference}-status-report-{status_report.number}.pdf")
    if replaced and replaced != report.file.name:  # the earlier version, once the new one is stored
        transaction.on_commit(lambda: report.file.storage.delete(replaced))
    status_report.report = report
    status_report.snapshot = context["snapshot"]
    status_report.guard_texts = [asdict(text) for text in texts]
    status_report.guard_clean = not hits
    guard.store_hits(status_report, hits)
    status_report.save(update_fields=["report", "snapshot", "sections", "revision", "guard_texts", "guard_hits",
                                      "guard_checked_at", "guard_clean"])


def _recorded_requester(status_report: StatusReport) -> User:
    case = status_report.case
    return (status_report.requested_by or (status_report.schedule.created_by if status_report.schedule_id else None)
            or case.lead_consultant or status_report_owner(case))


def _after_check(status_report: StatusReport) -> list[int]:
    """Where a locked report goes once checked: blocked, waiting for approval, or out."""
    now = timezone.now()
    if status_report.guard_hits:
        next_status = StatusReport.Status.BLOCKED
    elif status_report.requires_approval and status_report.approved_at is None:
        next_status = StatusReport.Status.AWAITING_APPROVAL
    else:
        next_status = StatusReport.Status.SENDING
    waiting = next_status in (StatusReport.Status.BLOCKED, StatusReport.Status.AWAITING_APPROVAL)
    first_wait = waiting and status_report.awaiting_since is None
    status_report.status = next_status
    if first_wait:
        status_report.awaiting_since = now
    status_report.save(update_fields=["status", "awaiting_since"])
    if first_wait:
        from ..tasks import notify_approvers

        transaction.on_commit(lambda: notify_approvers.delay(status_report_id=status_report.pk, why="waiting"))
    if next_status != StatusReport.Status.SENDING:
        return []
    return _create_deliveries(status_report)


def status_report_owner(case: Case) -> User:
    """Who a scheduled report is recorded as requested by when the case has no lead consultant."""
    return User.objects.filter(assignments__organisation_id=case.organisation_id).order_by("pk").first() or \
        User.objects.filter(is_superuser=True).order_by("pk").first()


def _create_deliveries(status_report: StatusReport) -> list[int]:
    """One delivery per recipient address: a person who is a contact of two of the stakeholders (a
    governor who is also a parent) receives the report once."""
    contacts = (Contact.objects.filter(stakeholder__in=status_report.stakeholders.all(), receives_reports=True,
                                       stakeholder__receives_reports=True)
                .exclude(email="").select_related("stakeholder").order_by("stakeholder__kind", "stakeholder__name",
                                                                          "id"))
    existing = {d.contact_id: d for d in status_report.deliveries.all()}
    addresses = {d.email.lower() for d in existing.values()}
    ids = []
    for contact in contacts:
        delivery = existing.get(contact.pk)
        if delivery is None:
            if contact.email.lower() in addresses:
                continue
            delivery = Delivery.objects.create(
                status_report=status_report, contact=contact, organisation_id=status_report.organisation_id,
                email=contact.email,
                as_link=contact.stakeholder.report_delivery == Stakeholder.ReportDelivery.LINK,
            )
            addresses.add(contact.email.lower())
        if delivery.status == Delivery.Status.QUEUED:
            ids.append(delivery.pk)
    if not ids and not status_report.deliveries.exclude(status=Delivery.Status.SENT).exists():
        status_report.status = StatusReport.Status.SENT if status_report.deliveries.exists() else \
            StatusReport.Status.FAILED
        status_report.save(update_fields=["status"])
    from ..tasks import send_delivery

    for pk in ids:
        transaction.on_commit(lambda pk=pk: send_delivery.delay(delivery_id=pk))
    return ids


# Approval, refusal and the personal-data check ---------------------------------------------------


def prepared_by_ids(status_report: StatusReport) -> set[int]:
    """Who asked for the report: the consultant who sent it now, or who set up its schedule."""
    ids = {status_report.requested_by_id}
    if status_report.schedule_id:
        ids.add(status_report.schedule.created_by_id)
    return {pk for pk in ids if pk}


def approval_problem(*, user: User, status_report: StatusReport) -> str:
    """Why this user may not approve this report now ("" when they may)."""
    if not can_manage_case(user=user, case=status_report.case):
        return "Only a consultant of this case, or the consultancy admin, can approve a report."
    if user.pk in prepared_by_ids(status_report):
        return ("You asked for this report: a second consultant must approve it before it leaves the "
                "organisation.")
    if status_report.status == StatusReport.Status.BLOCKED:
        return "The personal-data check found something: fix it, or override it with a reason, before approval."
    if status_report.status != StatusReport.Status.AWAITING_APPROVAL:
        return "Only a report waiting for approval can be approved."
    return ""


def status_report_approve(*, actor: User, status_report: StatusReport, reason: str = "") -> list[int]:
    """A second consultant approves a report; the check runs again first, and only then is it sent.

    Refused with a reason when the approver asked for the report themselves, or when the check now
    finds something (a protected name added since): the report is then blocked and nothing is sent.
    """
    _require_manager(actor, status_report.case)
    with transaction.atomic():
        status_report = (StatusReport.objects.select_for_update(of=("self",))
                         .select_related("case", "schedule", "audience").get(pk=status_report.pk))
        problem = approval_problem(user=actor, status_report=status_report)
        if problem:
            raise ValidationError(problem)
        hits = guard.recheck(status_report)
        if not hits:
            status_report.status = StatusReport.Status.SENDING
            status_report.approved_by, status_report.approved_at = actor, timezone.now()
            status_report.decision_reason = (reason or "").strip()
            status_report.save(update_fields=["status", "approved_by", "approved_at", "decision_reason"])
            audit_record(actor=actor, verb="status_report.approved", obj=status_report, case=status_report.case,
                         summary={"reason": status_report.decision_reason, "audience": status_report.audience.key})
            return _create_deliveries(status_report)
        status_report.status = StatusReport.Status.BLOCKED
        status_report.save(update_fields=["status"])
    raise ValidationError(f"The personal-data check now finds {len(hits)} problem(s): nothing was sent. "
                          "Fix them, or override each with a reason, then approve.")


@transaction.atomic
def status_report_refuse(*, actor: User, status_report: StatusReport, reason: str) -> StatusReport:
    """A consultant refuses a report waiting for approval (or blocked), with the reason; nothing is sent.

    A refused report stays on the case with its reason; a corrected one is sent as a new report.
    """
    _require_manager(actor, status_report.case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the report is refused."})
    status_report = StatusReport.objects.select_for_update(of=("self",)).select_related("case").get(
        pk=status_report.pk)
    if status_report.status not in (StatusReport.Status.AWAITING_APPROVAL, StatusReport.Status.BLOCKED):
        raise ValidationError("Only a report waiting for approval, or blocked by the check, can be refused.")
    status_report.status = StatusReport.Status.REFUSED
    status_report.refused_by, status_report.refused_at = actor, timezone.now()
    status_report.decision_reason = reason
    status_report.save(update_fields=["status", "refused_by", "refused_at", "decision_reason"])
    audit_record(actor=actor, verb="status_report.refused", obj=status_report, case=status_report.case,
                 summary={"reason": reason})
    return status_report


@transaction.atomic
def status_report_recheck(*, actor: User, status_report: StatusReport) -> StatusReport:
    """Render a blocked or waiting report again from the case as it is now (after a fix) and check
    it again: a new version, which the approver sees as the PDF that will be sent."""
    _require_manager(actor, status_report.case)
    status_report = StatusReport.objects.select_for_update(of=("self",)).select_related("case").get(
        pk=status_report.pk)
    if status_report.status not in (StatusReport.Status.AWAITING_APPROVAL, StatusReport.Status.BLOCKED):
        raise ValidationError("Only a report waiting for approval, or blocked by the check, can be checked again.")
    status_report.status = StatusReport.Status.GENERATING
    status_report.save(update_fields=["status"])
    audit_record(actor=actor, verb="status_report.rechecked", obj=status_report, case=status_report.case,
                 summary={"revision": status_report.revision})
    from ..tasks import generate_status_report

    transaction.on_commit(lambda: generate_status_report.delay(status_report_id=status_report.pk))
    return status_report


def status_report_override(*, actor: User, status_report: StatusReport, hit_id: str, reason: str) -> list[int]:
    """A consultant lets one hit of the check go out, with the reason (audited). Once nothing is left
    unresolved the report moves on — to approval, which a second consultant still gives."""
    _require_manager(actor, status_report.case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this may go out as it is."})
    with transaction.atomic():
        status_report = (StatusReport.objects.select_for_update(of=("self",))
                         .select_related("case", "schedule", "audience").get(pk=status_report.pk))
        if status_report.status != StatusReport.Status.BLOCKED:
            raise ValidationError("Only a report blocked by the personal-data check has findings to override.")
        hit = next((h for h in status_report.guard_hits if h["hit_id"] == hit_id), None)
        if hit is None:
            raise ValidationError("No such finding on this report (it may be fixed or overridden already).")
        GuardOverride.objects.create(organisation_id=status_report.organisation_id, status_report=status_report,
                                     hit_id=hit_id, kind=hit["kind"], message=hit["message"][:300], reason=reason,
                                     overridden_by=actor)
        audit_record(actor=actor, verb="status_report.check_overridden", obj=status_report, case=status_report.case,
                     summary={"finding": hit["message"], "kind": hit["kind"], "reason": reason})
        status_report.guard_hits = [h for h in status_report.guard_hits if h["hit_id"] != hit_id]
        status_report.save(update_fields=["guard_hits"])
        if status_report.guard_hits:
            return []
        return _after_check(status_report)


def flag_unapproved_reports(*, now: dt.datetime | None = None) -> list[int]:
    """Flag every report that has waited longer than REPORT_APPROVAL_HOURS, once, and tell the lead.
    A flagged report is still never sent without approval."""
    now = now or timezone.now()
    limit = now - dt.timedelta(hours=settings.REPORT_APPROVAL_HOURS)
    with transaction.atomic():
        late = list(StatusReport.objects.select_for_update(skip_locked=True).filter(
            status__in=(StatusReport.Status.AWAITING_APPROVAL, StatusReport.Status.BLOCKED),
            awaiting_since__lte=limit, approval_overdue_at__isnull=True).select_related("case"))
        for status_report in late:
            status_report.approval_overdue_at = now
            status_report.save(update_fields=["approval_overdue_at"])
            audit_record(actor=None, verb="status_report.approval_overdue", obj=status_report,
                         case=status_report.case, summary={"hours": settings.REPORT_APPROVAL_HOURS})
        from ..tasks import notify_approvers

        for status_report in late:
            transaction.on_commit(lambda pk=status_report.pk: notify_approvers.delay(status_report_id=pk,
                                                                                    why="overdue"))
    return [status_report.pk for status_report in late]


def approvers_for(status_report: StatusReport) -> list[User]:
    """Who is told a report waits: the case's lead consultant (always: it is their case, even when
    they asked for it) and the consultants who may approve it — the case's others, never the one who
    asked; the consultancy admins when nobody on the case could."""
    case = status_report.case
    excluded = prepared_by_ids(status_report)
    team = [user for user in User.objects.filter(is_active=True, case_teams=case).exclude(pk__in=excluded)
            .distinct().order_by("full_name") if can_manage_case(user=user, case=case)]
    if not team:
        team = list(User.objects.filter(is_active=True, consultancy_role=User.ConsultancyRole.ADMIN)
                    .exclude(pk__in=excluded).order_by("full_name"))
    lead = case.lead_consultant
    if lead is not None and lead.is_active:
        team = [lead, *[user for user in team if user.pk != lead.pk]]
    return team


def notify_approvers(*, status_report_id: int, why: str) -> int:
    """Email the people who may approve a report that waits (why="waiting") or has waited too long
    ("overdue"). Returns how many were emailed."""
    status_report = (StatusReport.objects.select_related("case", "case__organisation", "case__lead_consultant",
                                                         "audience", "schedule", "requested_by")
                     .get(pk=status_report_id))
    if status_report.status not in (StatusReport.Status.AWAITING_APPROVAL, StatusReport.Status.BLOCKED):
        return 0
    recipients = approvers_for(status_report)
    if not recipients:
        return 0
    url = settings.SITE_URL.rstrip("/") + reverse("stakeholders:status_report_detail", kwargs={
        "reference": status_report.case.reference, "pk": status_report.pk})
    context = {"status_report": status_report, "case": status_report.case, "url": url, "why": why,
               "hours": settings.REPORT_APPROVAL_HOURS,
               "stakeholders": ", ".join(status_report.stakeholders.values_list("name", flat=True))}
    message = templated_email("stakeholders/email/approval", context, to=[user.email for user in recipients])
    message.send()
    return len(recipients)


def report_link_token(delivery: Delivery) -> str:
    return signing.dumps({"d": delivery.pk}, salt=LINK_SALT)


def delivery_from_token(token: str) -> Delivery | None:
    """The delivery a link was made for, while the link is valid; None for a bad or expired link."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=dt.timedelta(days=settings.REPORT_LINK_MAX_AGE_DAYS))
    except signing.BadSignature:
        return None
    return Delivery.objects.select_related("status_report__report", "status_report__case").filter(
        pk=data.get("d"), status=Delivery.Status.SENT).first()


def delivery_send(*, delivery_id: int) -> bool:
    """Email one report to one recipient, once. Returns False when it had already been sent.

    The delivery row is locked while the email goes out, so a duplicate task waits and then finds
    it sent; a retry after a failure sends it again. A failure is recorded on the row and raised
    for the task to retry. The "sent" mark commits with the sending; whether the whole report is
    now sent is decided after, in its own transaction, so that step failing never unmarks a
    delivery that went out (a retry finds it sent and only finishes the report).
    """
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update(of=("self",))
                    .select_related("status_report__case__organisation", "status_report__case__lead_consultant",
                                    "status_report__report", "status_report__audience", "contact")
                    .get(pk=delivery_id))
        already_sent = delivery.status == Delivery.Status.SENT
        failure = None if already_sent else _send_locked(delivery)
    if failure is not None:
        raise failure
    with transaction.atomic():
        _maybe_finish(delivery.status_report)
    return not already_sent


def _send_locked(delivery: Delivery) -> Exception | None:
    """Send one locked delivery and record the attempt; returns the failure, if any."""
    status_report = delivery.status_report
    case = status_report.case
    link = None
    if delivery.as_link:
        link = settings.SITE_URL.rstrip("/") + reverse("stakeholders:report_link",
                                                       kwargs={"token": report_link_token(delivery)})
    message = templated_email("stakeholders/email/status_report",
                              email_context(status_report, contact=delivery.contact, link=link),
                              to=delivery.email, reply_to=reply_to(case))
    if not link:
        report = status_report.report
        with report.file.open("rb") as handle:
            dated = timezone.localdate(status_report.created_at)
            message.attach(f"{case.reference}-status-report-{status_report.number}-{dated:%Y-%m-%d}.pdf",
                           handle.read(), "application/pdf")
    delivery.attempts += 1
    failure = None
    try:
        message.send()
    except Exception as exc:  # recorded and committed here, raised below for the task to retry
        failure = exc
        delivery.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        delivery.save(update_fields=["attempts", "last_error"])
    else:
        delivery.status, delivery.sent_at, delivery.last_error = Delivery.Status.SENT, timezone.now(), ""
        delivery.save(update_fields=["status", "sent_at", "last_error", "attempts"])
    return failure


def delivery_mark_failed(*, delivery_id: int, error: str) -> None:
    """After the last retry: the delivery shows as failed on the case, with a resend button."""
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery_id).exclude(status=Delivery.Status.SENT).update(
            status=Delivery.Status.FAILED, last_error=error[:2000]
        )
        delivery = Delivery.objects.select_related("status_report").get(pk=delivery_id)
        _maybe_finish(delivery.status_report)


def _maybe_finish(status_report: StatusReport) -> None:
    # The report row is locked before its deliveries are read: of two workers finishing its last
    # deliveries at once, the second to get the lock sees both sent and marks the report sent.
    status_report = (StatusReport.objects.select_for_update(of=("self",)).select_related("case", "report")
                     .get(pk=status_report.pk))
    statuses = set(status_report.deliveries.values_list("status", flat=True))
    if Delivery.Status.QUEUED in statuses:
        return
    if statuses == {Delivery.Status.SENT} and status_report.status != StatusReport.Status.SENT:
        status_report.status, status_report.sent_at = StatusReport.Status.SENT, timezone.now()
        status_report.save(update_fields=["status", "sent_at"])
        names = ", ".join(status_report.stakeholders.values_list("name", flat=True))
        chronology_record_automatic(
            actor=status_report.approved_by or status_report.requested_by or status_report.report.requested_by,
            case=status_report.case, kind="report", title=f"Status report sent to {names}",
            details=f"{status_report.deliveries.count()} recipient(s).", significant=False,
        )
    elif Delivery.Status.FAILED in statuses:
        status_report.status = StatusReport.Status.FAILED
        status_report.save(update_fields=["status"])


@transaction.atomic
def delivery_resend(*, actor: User, delivery: Delivery) -> Delivery:
    _require_manager(actor, delivery.status_report.case)
    if delivery.status != Delivery.Status.FAILED:
        raise ValidationError("Only a failed delivery can be sent again.")
    # The check runs before anything is sent, a resend too: a name protected since would go out.
    hits = guard.recheck(StatusReport.objects.select_related("case__lead_consultant").get(
        pk=delivery.status_report_id))
    if hits:
        raise ValidationError(f"The personal-data check now finds {len(hits)} problem(s) in this report: it is "
                              "not sent again. Send a corrected report instead.")
    delivery.status, delivery.last_error = Delivery.Status.QUEUED, ""
    delivery.save(update_fields=["status", "last_error"])
    StatusReport.objects.filter(pk=delivery.status_report_id).update(status=StatusReport.Status.SENDING)
    audit_record(actor=actor, verb="delivery.resent", obj=delivery.status_report, case=delivery.status_report.case,
                 summary={"email": delivery.email})
    from ..tasks import send_delivery

    transaction.on_commit(lambda: send_delivery.delay(delivery_id=delivery.pk))
    return delivery
