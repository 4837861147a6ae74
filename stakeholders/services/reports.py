"""Writes of update schedules and status reports: when they are due, rendering, approval, and the
idempotent deliveries that email them once per recipient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from crisis.audit import audit_record
from crisis.email import templated_email
from crisis.models import Case, Report, User
from crisis.services import chronology_record_automatic, report_render_and_store

from ..models import (
    Contact,
    Delivery,
    Stakeholder,
    StatusReport,
    UpdateSchedule,
)
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
                    requires_approval: bool = False) -> UpdateSchedule:
    schedule = UpdateSchedule(organisation_id=case.organisation_id, case=case, created_by=actor)
    return _schedule_save(actor, schedule, "schedule.created", name=name, stakeholders=stakeholders,
                          cadence=cadence, time_of_day=time_of_day, weekday=weekday, day_of_month=day_of_month,
                          requires_approval=requires_approval)


@transaction.atomic
def schedule_update(*, actor: User, schedule: UpdateSchedule, name: str, stakeholders: Iterable[Stakeholder],
                    cadence: str, time_of_day: dt.time, weekday: int | None = None, day_of_month: int | None = None,
                    requires_approval: bool = False) -> UpdateSchedule:
    """Change a schedule; its next due time is worked out again from now."""
    return _schedule_save(actor, schedule, "schedule.updated", name=name, stakeholders=stakeholders,
                          cadence=cadence, time_of_day=time_of_day, weekday=weekday, day_of_month=day_of_month,
                          requires_approval=requires_approval)


def _schedule_save(actor: User, schedule: UpdateSchedule, verb: str, *, name: str,
                   stakeholders: Iterable[Stakeholder], cadence: str, time_of_day: dt.time, weekday: int | None,
                   day_of_month: int | None, requires_approval: bool) -> UpdateSchedule:
    """Check and write a new or changed schedule: who receives it, its cadence, its next due time."""
    case = schedule.case
    _require_manager(actor, case)
    chosen = _check_stakeholders(case, stakeholders)
    if not chosen:
        raise ValidationError({"stakeholders": "Choose who receives the reports."})
    not_receiving = [s.name for s in chosen if not s.receives_reports]
    if not_receiving:
        raise ValidationError({"stakeholders": f"Not set to receive status reports: {', '.join(not_receiving)}."})
    _check_cadence(cadence, weekday, day_of_month)
    monthly = cadence == UpdateSchedule.Cadence.MONTHLY
    schedule.name, schedule.cadence, schedule.time_of_day = (name or "").strip(), cadence, time_of_day
    schedule.weekday = None if monthly else weekday
    schedule.day_of_month = day_of_month if monthly else None
    schedule.requires_approval = requires_approval
    schedule.next_due_at = timezone.now()  # checked below, then set from the cadence
    schedule.full_clean(exclude=["case", "organisation", "created_by"])
    schedule.next_due_at = first_due(cadence=cadence, at=time_of_day, after=timezone.now(),
                                     weekday=schedule.weekday, day_of_month=schedule.day_of_month)
    schedule.save()
    schedule.stakeholders.set(chosen)
    audit_record(actor=actor, verb=verb, obj=schedule, case=case,
                 summary={"cadence": cadence, "next_due_at": schedule.next_due_at.isoformat()})
    return schedule


@transaction.atomic
def schedule_change(*, actor: User, schedule: UpdateSchedule, active: bool | None = None,
                    **changes) -> UpdateSchedule:
    """Change some of a schedule's fields and pause or resume it, together or not at all.

    Fields not given keep their value; `active` equal to the current state changes nothing.
    """
    unknown = set(changes) - {"name", "stakeholders", "cadence", "time_of_day", "weekday", "day_of_month",
                              "requires_approval"}
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    if changes:
        current = {"name": schedule.name, "stakeholders": list(schedule.stakeholders.all()),
                   "cadence": schedule.cadence, "time_of_day": schedule.time_of_day, "weekday": schedule.weekday,
                   "day_of_month": schedule.day_of_month, "requires_approval": schedule.requires_approval}
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
               .filter(active=True, next_due_at__lte=now).select_related("case").order_by("next_due_at"))
        for schedule in due:
            report = StatusReport.objects.create(
                organisation_id=schedule.organisation_id, case=schedule.case, schedule=schedule,
                requires_approval=schedule.requires_approval,
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


@transaction.atomic
def status_report_send_now(*, actor: User, case: Case, stakeholders: Iterable[Stakeholder],
                           requires_approval: bool = False) -> StatusReport:
    """A consultant sends a status report now, outside any schedule."""
    _require_manager(actor, case)
    chosen = _check_stakeholders(case, stakeholders)
    if not chosen:
        raise ValidationError({"stakeholders": "Choose who receives the report."})
    not_receiving = [s.name for s in chosen if not s.receives_reports]
    if not_receiving:
        raise ValidationError({"stakeholders": f"Not set to receive status reports: {', '.join(not_receiving)}."})
    report = StatusReport.objects.create(organisation_id=case.organisation_id, case=case, requested_by=actor,
                                         requires_approval=requires_approval)
    report.stakeholders.set(chosen)
    audit_record(actor=actor, verb="status_report.requested", obj=report, case=case,
                 summary={"stakeholders": [s.name for s in chosen]})
    from ..tasks import generate_status_report

    transaction.on_commit(lambda: generate_status_report.delay(status_report_id=report.pk))
    return report



# Generating and sending ------------------------------------------------------------------------


def status_report_generate(*, status_report_id: int) -> list[int]:
    """Render the PDF (once) and, unless it waits for approval, create the deliveries to send.

    Returns the ids of deliveries to queue. Idempotent: a report already rendered is not rendered
    again, and deliveries are unique per recipient.
    """
    from ..selectors import previous_report, status_report_context

    with transaction.atomic():
        status_report = (StatusReport.objects.select_for_update(of=("self",))
                         .select_related("case", "case__organisation")
                         .get(pk=status_report_id))
        case = status_report.case
        if status_report.report_id is None:
            previous = previous_report(status_report=status_report)
            context = status_report_context(case=case, previous=previous, status_report=status_report)
            report = Report(organisation_id=case.organisation_id, case=case, kind=Report.Kind.STATUS_REPORT,
                            title=f"Status report — {case.reference} — {context['today']:%d %b %Y}",
                            requested_by=(status_report.requested_by or case.lead_consultant
                                          or status_report_owner(case)))
            report_render_and_store(report=report, template="stakeholders/pdf/status_report.html",
                                    context=context, filename=f"{case.reference}-status-report.pdf")
            status_report.report = report
            status_report.snapshot = context["snapshot"]
            status_report.status = (StatusReport.Status.AWAITING_APPROVAL if status_report.requires_approval
                                    else StatusReport.Status.SENDING)
            status_report.save(update_fields=["report", "snapshot", "status"])
        if status_report.status != StatusReport.Status.SENDING:
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


@transaction.atomic
def status_report_approve(*, actor: User, status_report: StatusReport) -> list[int]:
    """A consultant approves a generated report; only then is it sent."""
    _require_manager(actor, status_report.case)
    status_report = StatusReport.objects.select_for_update().get(pk=status_report.pk)
    if status_report.status != StatusReport.Status.AWAITING_APPROVAL:
        raise ValidationError("Only a report waiting for approval can be approved.")
    status_report.status = StatusReport.Status.SENDING
    status_report.approved_by, status_report.approved_at = actor, timezone.now()
    status_report.save(update_fields=["status", "approved_by", "approved_at"])
    audit_record(actor=actor, verb="status_report.approved", obj=status_report, case=status_report.case)
    return _create_deliveries(status_report)


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
                    .select_related("status_report__case__organisation", "status_report__report", "contact")
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
    context = {"case": case, "contact": delivery.contact, "link": link,
               "link_days": settings.REPORT_LINK_MAX_AGE_DAYS, "status_report": status_report}
    message = templated_email("stakeholders/email/status_report", context, to=delivery.email)
    if not link:
        report = status_report.report
        with report.file.open("rb") as handle:
            message.attach(f"{case.reference}-status-report-{timezone.localdate(status_report.created_at):%Y-%m-%d}.pdf",
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
    delivery.status, delivery.last_error = Delivery.Status.QUEUED, ""
    delivery.save(update_fields=["status", "last_error"])
    StatusReport.objects.filter(pk=delivery.status_report_id).update(status=StatusReport.Status.SENDING)
    audit_record(actor=actor, verb="delivery.resent", obj=delivery.status_report, case=delivery.status_report.case,
                 summary={"email": delivery.email})
    from ..tasks import send_delivery

    transaction.on_commit(lambda: send_delivery.delay(delivery_id=delivery.pk))
    return delivery
