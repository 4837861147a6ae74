"""Demo data for stage 2, called by `manage.py seed_demo` for each demo case: the stakeholder
register with contacts and trust history, the communication log, press lines, update schedules and,
for Oakfield, the status reports already sent.

Idempotent, like the rest of the seed: stakeholders are keyed on their name, communications on their
summary, press lines and schedules on their title or name (per case), and the report history is
written only while the case has no status report. Every write goes through stakeholders.services,
as the lead consultant (approvals by the organisation's leaders); only the dates of things that
happened weeks ago are moved back afterwards (trust changes, press line versions, reports: a report's
day before it is rendered, so that its PDF carries it), because the services stamp them "now". The
reports' emails are really sent, through the configured email backend. Fictional people and
`.example` addresses; Ofcom's drama phone numbers; no child is named anywhere.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from crisis.models import Case, ChronologyEntry, Report, Stage, User
from response.models import ImprovementCheckpoint
from stakeholders import services, tasks
from stakeholders.models import (
    AudienceProfile,
    Communication,
    Delivery,
    PressLine,
    PressLineVersion,
    Stakeholder,
    StatusReport,
    TrustChange,
    UpdateSchedule,
)

from .data.engagement import (
    DEMO_PDF,
    ENGAGEMENT,
    REFUSED_ADDRESS,
    CommunicationSpec,
    PressLineSpec,
    ReportSpec,
    StakeholderSpec,
)

# Writing it -------------------------------------------------------------------------------------


class HistoryEmailBackend(BaseEmailBackend):
    """Where the demo's past reports are sent: through the email backend the settings name
    (`DEMO_EMAIL_BACKEND` while the history is written: var/mail/ in `make run`, so each email the
    demo says was sent can be read), except that the mailbox of the DfE's former case lead refuses
    them, as an SMTP server would."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            if REFUSED_ADDRESS in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED_ADDRESS: (550, b"5.1.1 Mailbox unavailable")})
        configured = get_connection(settings.DEMO_EMAIL_BACKEND, fail_silently=self.fail_silently)
        return configured.send_messages(email_messages)


@transaction.atomic
def seed_engagement(*, case: Case, users: dict[str, User]) -> list[str]:
    """Write the missing engagement records of one demo case; returns a line per kind of record created."""
    spec = ENGAGEMENT.get(case.title)
    case.refresh_from_db()
    if spec is None or case.stage in (Stage.ASSESSMENT, Stage.CLOSED):
        return []
    lead = case.lead_consultant
    created: list[str] = []
    stakeholders = {s.name: s for s in Stakeholder.objects.filter(organisation_id=case.organisation_id, case=case)}
    added = 0
    for item in spec.stakeholders:
        if item.name not in stakeholders:
            stakeholders[item.name] = _stakeholder(case, lead, item, users)
            added += 1
    if added:
        created.append(f"{added} stakeholders of {case.reference}")
    titles = set(PressLine.objects.filter(organisation_id=case.organisation_id, case=case)
                 .values_list("title", flat=True))
    new_lines = [item for item in spec.press_lines if item.title not in titles]
    for item in new_lines:
        _press_line(case, lead, item, users)
    if new_lines:
        created.append(f"{len(new_lines)} press lines of {case.reference}")
    logged = set(Communication.objects.filter(organisation_id=case.organisation_id, case=case)
                 .values_list("summary", flat=True))
    new = [item for item in spec.communications if item.summary not in logged]
    for item in sorted(new, key=lambda c: (-c.days_ago, c.at)):
        _communication(case, lead, item, stakeholders)
    if new:
        created.append(f"{len(new)} communications with stakeholders of {case.reference}")
    schedules = {s.name: s for s in UpdateSchedule.objects.filter(organisation_id=case.organisation_id, case=case)}
    added = 0
    for item in spec.schedules:
        if item.name not in schedules:
            schedules[item.name] = services.schedule_create(
                actor=lead, case=case, name=item.name, stakeholders=[stakeholders[n] for n in item.with_],
                cadence=item.cadence, weekday=item.weekday, time_of_day=item.at,
                requires_approval=item.requires_approval,
                audience=AudienceProfile.objects.get(key=item.audience) if item.audience else None,
            )
            added += 1
    if added:
        created.append(f"{added} update schedules of {case.reference}")
    if spec.reports and not StatusReport.objects.filter(organisation_id=case.organisation_id, case=case).exists():
        with _delivered_here():
            for item in spec.reports:
                _report(case, lead, item, stakeholders, schedules)
        created.append(f"{len(spec.reports)} status reports of {case.reference}")
    return created


def _moment(days_ago: int, at: str) -> dt.datetime:
    """`days_ago` days before today at `at` (UK time); never later than a minute ago."""
    hour, minute = (int(part) for part in at.split(":"))
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))),
               timezone.now() - dt.timedelta(minutes=1))


def _stakeholder(case: Case, lead: User, item: StakeholderSpec, users: dict[str, User]) -> Stakeholder:
    stakeholder = services.stakeholder_create(
        actor=lead, case=case, kind=item.kind, name=item.name, trust_level=item.trust,
        preferred_channel=item.channel, owner=users[item.owner], receives_reports=item.receives_reports,
        report_delivery=item.delivery,
        contacts=[{"name": c.name, "role": c.role, "email": c.email, "phone": c.phone} for c in item.contacts],
    )
    for days_ago, level, reason in item.trust_changes:
        change = services.stakeholder_set_trust(actor=lead, stakeholder=stakeholder, level=level, reason=reason)
        TrustChange.objects.filter(pk=change.pk).update(changed_at=_moment(days_ago, "20:00"))
    return stakeholder


def _communication(case: Case, lead: User, item: CommunicationSpec, stakeholders: dict[str, Stakeholder]) -> None:
    today = timezone.localdate()
    communication = services.communication_log(
        actor=lead, case=case, stakeholders=[stakeholders[name] for name in item.with_], direction=item.direction,
        channel=item.channel, summary=item.summary, occurred_at=_moment(item.days_ago, item.at),
        mediation_notes=item.mediation,
        follow_up_due=today + dt.timedelta(days=item.follow_up) if item.follow_up is not None else None,
        press_line_version=(PressLineVersion.objects.filter(
            press_line__case=case, press_line__title=item.press_line, approved_at__isnull=False)
            .select_related("press_line").order_by("-number").first() if item.press_line else None),
    )
    if item.attachment:
        upload = SimpleUploadedFile(item.attachment, DEMO_PDF, content_type="application/pdf")
        services.communication_attachment_add(actor=lead, communication=communication, uploaded_file=upload)
    if item.follow_up_done:
        services.communication_follow_up_done(actor=lead, communication=communication)


def _press_line(case: Case, lead: User, item: PressLineSpec, users: dict[str, User]) -> None:
    press_line = None
    for number, (days_ago, text) in enumerate(item.versions, start=1):
        version = services.press_line_write(actor=lead, case=case, title=item.title, text=text,
                                            press_line=press_line)
        press_line = version.press_line
        written_at = _moment(days_ago, "11:00")
        changes = {"written_at": written_at}
        if number <= item.approved:
            services.press_line_approve(actor=users[item.approver], version=version)
            changes["approved_at"] = written_at + dt.timedelta(hours=2)
        PressLineVersion.objects.filter(pk=version.pk).update(**changes)


@contextmanager
def _delivered_here() -> Iterator[None]:
    """Generate and send the report history in this process, as of the weeks it covers.

    The emails go through HistoryEmailBackend to the configured backend, once: the history is written
    only while the case has no status report. The services also queue a task for
    after the commit for each report and each delivery; those would only repeat what was done here,
    or send the failed delivery after all, so they are taken off the connection's after-commit list
    (the list Django's own captureOnCommitCallbacks reads) before the seed commits.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # on_commit would run each task at once, before it could be dropped
        raise RuntimeError("The report history is written inside the seed's transaction.")
    queued = len(connection.run_on_commit)
    with override_settings(EMAIL_BACKEND="demo.engagement.HistoryEmailBackend",
                           DEMO_EMAIL_BACKEND=settings.EMAIL_BACKEND):
        yield
    del connection.run_on_commit[queued:]


def _report(case: Case, lead: User, item: ReportSpec, stakeholders: dict[str, Stakeholder],
            schedules: dict[str, UpdateSchedule]) -> StatusReport:
    """One report through the services — requested, rendered, approved, each delivery sent or failed
    after its retries — then moved back to when it happened, with that day's figures as its snapshot
    so that the next report's "what changed" has something to say."""
    schedule = schedules.get(item.schedule)
    if schedule is not None:
        chosen = list(schedule.stakeholders.all())
        period = dt.timedelta(days=14 if schedule.cadence == UpdateSchedule.Cadence.FORTNIGHTLY else 7)
        # Aware arithmetic in Europe/London keeps the wall-clock time across a clock change.
        at = timezone.localtime(schedule.next_due_at) - period * item.runs_ago
        requires_approval = schedule.requires_approval
    else:
        chosen = [stakeholders[name] for name in item.with_]
        at = timezone.now() - dt.timedelta(hours=item.hours_ago)
        requires_approval = item.requires_approval
    first_entry = ChronologyEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    report = services.status_report_send_now(actor=lead, case=case, stakeholders=chosen,
                                             requires_approval=requires_approval,
                                             audience=schedule.audience if schedule else None)
    # Made on its day before it is rendered: its title, its PDF and the emails' attachments carry that date.
    StatusReport.objects.filter(pk=report.pk).update(created_at=at)
    deliveries = services.status_report_generate(status_report_id=report.pk)
    if item.approve:
        deliveries = services.status_report_approve(actor=_second_consultant(case, lead), status_report=report,
                                                    reason="Read against the case file: fit to send.")
    for delivery_id in deliveries:
        _send(delivery_id)
    if not item.approve:  # what the after-commit task would have done: ask the other consultants
        services.notify_approvers(status_report_id=report.pk, why="waiting")

    report.refresh_from_db()
    sent_at = at + dt.timedelta(minutes=40 if item.approve else 5)
    StatusReport.objects.filter(pk=report.pk).update(
        schedule=schedule, requested_by=None if schedule else lead,
        approved_at=at + dt.timedelta(minutes=30) if item.approve else None,
        awaiting_since=at + dt.timedelta(minutes=2) if report.requires_approval else None,
        sent_at=sent_at if report.status == StatusReport.Status.SENT else None,
        snapshot=_snapshot_on(case, at, report.snapshot) if schedule else report.snapshot,
    )
    Report.objects.filter(pk=report.report_id).update(requested_at=at, rendered_at=at + dt.timedelta(minutes=1))
    Delivery.objects.filter(status_report=report).update(queued_at=at + dt.timedelta(minutes=1))
    Delivery.objects.filter(status_report=report, status=Delivery.Status.SENT).update(sent_at=sent_at)
    ChronologyEntry.objects.filter(case=case, pk__gt=first_entry, kind=ChronologyEntry.Kind.REPORT).update(
        occurred_at=sent_at)
    return report


def _second_consultant(case: Case, lead: User) -> User:
    """Who approves the lead's reports: another consultant named on the case, else the consultancy admin."""
    return (case.consultants.exclude(pk=lead.pk).order_by("pk").first()
            or User.objects.filter(consultancy_role=User.ConsultancyRole.ADMIN).order_by("pk").first())


def _send(delivery_id: int) -> None:
    """What the send_delivery task does: a try and its retries (at once here), then failed."""
    error = ""
    for _ in range(tasks.SEND_RETRIES + 1):
        try:
            services.delivery_send(delivery_id=delivery_id)
            return
        except smtplib.SMTPException as exc:
            error = f"{type(exc).__name__}: {exc}"
    services.delivery_mark_failed(delivery_id=delivery_id, error=error)


def _snapshot_on(case: Case, at: dt.datetime, rendered: dict) -> dict:
    """The snapshot as it stood at `at`: the stage then, and the figures of the last improvement
    checkpoint on or before that day (the rendered snapshot, today's figures, when there is none)."""
    snapshot = {**rendered, "at": at.isoformat()}
    move = case.stage_changes.filter(changed_at__lte=at).order_by("-changed_at", "-id").first()
    if move is not None:
        snapshot["stage"], snapshot["stage_label"] = move.to_stage, Stage(move.to_stage).label
    checkpoint = (ImprovementCheckpoint.objects.filter(organisation_id=case.organisation_id, case=case,
                                                       recorded_on__lte=timezone.localtime(at).date())
                  .order_by("-recorded_on", "-id").first())
    if checkpoint is not None:
        snapshot["bands"] = {**snapshot.get("bands", {}), **checkpoint.risks_by_band}
        snapshot["actions_percent"] = checkpoint.completion_percent
        snapshot["actions_overdue"] = checkpoint.actions_overdue
    return snapshot
