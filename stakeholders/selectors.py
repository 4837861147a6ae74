"""Reads of stakeholder engagement, given the acting user; and the content of a status report.

Consultants and the organisation's leaders read the engagement (staff do not); mediation notes are
consultant-only, and only `communications_for` decides who sees them (`visible_mediation_notes`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as Case_
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, TextField, Value, When
from django.http import Http404
from django.utils import timezone

from crisis import permissions as perms
from crisis.access import can_read_reports, case_leader_condition, is_active_user, org_ids_with, report_reader_condition
from crisis.models import Case, Stage, User
from crisis.selectors import cases_for

from .models import (
    Communication,
    CommunicationAttachment,
    Contact,
    Delivery,
    PressLine,
    PressLineVersion,
    Stakeholder,
    StatusReport,
    TrustChange,
    UpdateSchedule,
)


def can_view_engagement(*, user, case: Case) -> bool:
    """Consultants and the organisation's leaders read the engagement; staff do not."""
    return can_read_reports(user=user, organisation_id=case.organisation_id)


def _engagement_cases(user) -> QuerySet[Case]:
    """The cases whose engagement the user reads: cases they see, of organisations they lead or advise."""
    return cases_for(user).filter(report_reader_condition(user))


def stakeholders_for(user) -> QuerySet[Stakeholder]:
    return Stakeholder.objects.filter(case__in=_engagement_cases(user))


def case_stakeholders(*, user, case: Case, filters: dict | None = None) -> QuerySet[Stakeholder]:
    """A case's stakeholders with their contacts and owner, and how often contacted lately."""
    since = timezone.now() - dt.timedelta(days=30)
    qs = (
        stakeholders_for(user).filter(organisation_id=case.organisation_id, case=case)
        .select_related("owner").prefetch_related("contacts")
        .annotate(recent_contacts=Count("communications", filter=Q(communications__occurred_at__gte=since),
                                        distinct=True),
                  last_contact_at=Max("communications__occurred_at"))
        .order_by("kind", "name", "id")
    )
    filters = filters or {}
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("trust"):
        qs = qs.filter(trust_level=filters["trust"])
    if filters.get("receives_reports") in ("1", "true", True):
        qs = qs.filter(receives_reports=True)
    return qs


def get_stakeholder_for(*, user, case: Case | None = None, pk) -> Stakeholder:
    """One stakeholder the user reads the engagement of (by case and pk, or by pk alone); Http404 otherwise."""
    qs = stakeholders_for(user).select_related("owner", "case", "case__organisation")
    if case is not None:
        qs = qs.filter(organisation_id=case.organisation_id, case=case)
    try:
        return qs.get(pk=pk)
    except (Stakeholder.DoesNotExist, ValueError, TypeError):
        raise Http404("No such stakeholder.") from None


def stakeholder_contacts(*, stakeholder: Stakeholder) -> QuerySet[Contact]:
    """The contacts of a stakeholder already read through a scoped lookup."""
    return Contact.objects.filter(organisation_id=stakeholder.organisation_id, stakeholder=stakeholder).order_by(
        "name", "id")


def get_contact_for(*, user, stakeholder: Stakeholder, pk) -> Contact:
    try:
        return Contact.objects.filter(stakeholder__in=stakeholders_for(user)).get(stakeholder=stakeholder, pk=pk)
    except (Contact.DoesNotExist, ValueError, TypeError):
        raise Http404("No such contact.") from None


def stakeholder_trust_history(*, stakeholder: Stakeholder) -> QuerySet[TrustChange]:
    return TrustChange.objects.filter(organisation_id=stakeholder.organisation_id, stakeholder=stakeholder) \
        .select_related("changed_by").order_by("-changed_at", "-id")


def stakeholder_owner_choices(*, case: Case, include_id: int | None = None) -> QuerySet[User]:
    """Who may hold a relationship: the case's consultants and its leaders (on a restricted case, the
    named ones). One query."""
    condition = case_leader_condition(case)
    if case.restricted:
        condition |= Q(assignments__organisation_id=case.organisation_id, case_teams=case)
    else:
        condition |= Q(assignments__organisation_id=case.organisation_id)
    if include_id:
        condition |= Q(pk=include_id)
    return User.objects.filter(condition, is_active=True).distinct().order_by("full_name", "email")


def communications_for(user) -> QuerySet[Communication]:
    """Every contact the user may read, with mediation notes only for consultants.

    `visible_mediation_notes` is the one field pages and the API show: the notes for those who see
    consultant-only notes, "" for everyone else (and the column is not even loaded for them).
    """
    if not getattr(user, "is_authenticated", False):
        return Communication.objects.none()
    # The column itself is never loaded: only the annotation below carries the notes, to consultants.
    qs = Communication.objects.filter(case__in=_engagement_cases(user)).defer("mediation_notes")
    if user.is_consultancy_admin:
        return qs.annotate(visible_mediation_notes=F("mediation_notes"))
    confidential = Q(organisation__in=org_ids_with(user, perms.VIEW_CONFIDENTIAL))
    return qs.annotate(visible_mediation_notes=Case_(When(confidential, then=F("mediation_notes")),
                                                     default=Value(""), output_field=TextField()))


def case_communications(*, user, case: Case, stakeholder: Stakeholder | None = None,
                        filters: dict | None = None) -> QuerySet[Communication]:
    qs = communications_for(user).filter(organisation_id=case.organisation_id, case=case)
    if stakeholder is not None:
        qs = qs.filter(stakeholders=stakeholder)
    filters = filters or {}
    if filters.get("stakeholder"):
        qs = qs.filter(stakeholders__pk=filters["stakeholder"])
    if filters.get("channel"):
        qs = qs.filter(channel=filters["channel"])
    if filters.get("direction"):
        qs = qs.filter(direction=filters["direction"])
    if filters.get("follow_up") == "open":
        qs = qs.filter(follow_up_due__isnull=False, follow_up_done_on__isnull=True)
    return qs.select_related("created_by", "press_line_version__press_line").prefetch_related(
        Prefetch("stakeholders", queryset=Stakeholder.objects.only("id", "name", "kind", "case_id")),
        Prefetch("attachments", queryset=CommunicationAttachment.objects.only(
            "id", "communication_id", "original_name", "size", "content_type")),
    ).order_by("-occurred_at", "-id")


def get_communication_for(*, user, case: Case | None = None, pk) -> Communication:
    qs = communications_for(user).select_related("case", "case__organisation", "created_by",
                                                 "press_line_version__press_line").prefetch_related(
        "stakeholders", "attachments")
    if case is not None:
        qs = qs.filter(organisation_id=case.organisation_id, case=case)
    try:
        return qs.get(pk=pk)
    except (Communication.DoesNotExist, ValueError, TypeError):
        raise Http404("No such communication.") from None


def get_attachment_for(*, user, communication: Communication, pk) -> CommunicationAttachment:
    try:
        return CommunicationAttachment.objects.filter(communication__in=communications_for(user)).get(
            communication=communication, pk=pk)
    except (CommunicationAttachment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such attachment.") from None


def follow_ups_due(*, user, within_days: int = 7) -> QuerySet[Communication]:
    """Open follow-ups due soon or overdue, across the cases the user reads (for the dashboard)."""
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    return (communications_for(user).filter(follow_up_due__isnull=False, follow_up_due__lte=horizon,
                                            follow_up_done_on__isnull=True)
            .exclude(case__stage=Stage.CLOSED).select_related("case")
            .prefetch_related(Prefetch("stakeholders", queryset=Stakeholder.objects.only("id", "name")))
            .order_by("follow_up_due", "id"))


def press_lines_for(user) -> QuerySet[PressLine]:
    return PressLine.objects.filter(case__in=_engagement_cases(user))


def case_press_lines(*, user, case: Case) -> QuerySet[PressLine]:
    return (press_lines_for(user).filter(organisation_id=case.organisation_id, case=case)
            .prefetch_related(Prefetch("versions", queryset=PressLineVersion.objects.select_related(
                "written_by", "approved_by").order_by("-number"))).order_by("title", "id"))


def get_press_line_for(*, user, case: Case | None = None, pk) -> PressLine:
    qs = case_press_lines(user=user, case=case) if case is not None else press_lines_for(user).prefetch_related(
        Prefetch("versions", queryset=PressLineVersion.objects.select_related("written_by", "approved_by")
                 .order_by("-number")))
    try:
        return qs.select_related("case", "case__organisation").get(pk=pk)
    except (PressLine.DoesNotExist, ValueError, TypeError):
        raise Http404("No such press line.") from None


def usable_press_line_versions(*, user, case: Case) -> QuerySet[PressLineVersion]:
    """The wording each press line of the case may be used with: its latest approved version."""
    latest = (PressLineVersion.objects.filter(press_line=OuterRef("press_line"), approved_at__isnull=False)
              .order_by("-number").values("number")[:1])
    return (PressLineVersion.objects.filter(press_line__in=case_press_lines(user=user, case=case),
                                            approved_at__isnull=False, number=Subquery(latest))
            .select_related("press_line").order_by("press_line__title", "press_line_id"))


def get_press_line_version_for(*, user, pk, press_line: PressLine | None = None) -> PressLineVersion:
    qs = PressLineVersion.objects.filter(press_line__in=press_lines_for(user)).select_related(
        "press_line", "press_line__case", "press_line__case__organisation", "written_by", "approved_by")
    if press_line is not None:
        qs = qs.filter(press_line=press_line)
    try:
        return qs.get(pk=pk)
    except (PressLineVersion.DoesNotExist, ValueError, TypeError):
        raise Http404("No such version.") from None


def schedules_for(user) -> QuerySet[UpdateSchedule]:
    return UpdateSchedule.objects.filter(case__in=_engagement_cases(user))


def case_schedules(*, user, case: Case) -> QuerySet[UpdateSchedule]:
    return (schedules_for(user).filter(organisation_id=case.organisation_id, case=case)
            .select_related("created_by", "audience")
            .prefetch_related(Prefetch("stakeholders", queryset=Stakeholder.objects.only("id", "name")))
            .order_by("-active", "next_due_at", "id"))


def get_schedule_for(*, user, case: Case | None = None, pk) -> UpdateSchedule:
    qs = schedules_for(user).select_related("case", "case__organisation").prefetch_related("stakeholders")
    if case is not None:
        qs = qs.filter(organisation_id=case.organisation_id, case=case)
    try:
        return qs.get(pk=pk)
    except (UpdateSchedule.DoesNotExist, ValueError, TypeError):
        raise Http404("No such schedule.") from None


def status_reports_for(user) -> QuerySet[StatusReport]:
    return StatusReport.objects.filter(case__in=_engagement_cases(user))


def case_status_reports(*, user, case: Case) -> QuerySet[StatusReport]:
    return (status_reports_for(user).filter(organisation_id=case.organisation_id, case=case)
            .select_related("report", "approved_by", "requested_by", "schedule", "audience")
            .prefetch_related(Prefetch("stakeholders", queryset=Stakeholder.objects.only("id", "name")),
                              Prefetch("deliveries", queryset=Delivery.objects.order_by("email", "id")))
            .order_by("-created_at", "-id"))


def get_status_report_for(*, user, case: Case | None = None, pk) -> StatusReport:
    qs = status_reports_for(user).select_related(
        "report", "approved_by", "refused_by", "requested_by", "schedule", "audience", "case", "case__organisation",
        "case__lead_consultant").prefetch_related(
        Prefetch("stakeholders", queryset=Stakeholder.objects.only("id", "name")),
        Prefetch("deliveries", queryset=Delivery.objects.select_related("contact").order_by("email", "id")))
    if case is not None:
        qs = qs.filter(organisation_id=case.organisation_id, case=case)
    try:
        return qs.get(pk=pk)
    except (StatusReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such status report.") from None


def get_delivery_for(*, user, pk, status_report: StatusReport | None = None) -> Delivery:
    qs = Delivery.objects.filter(status_report__in=status_reports_for(user)).select_related(
        "status_report", "status_report__case", "status_report__case__organisation", "contact")
    if status_report is not None:
        qs = qs.filter(status_report=status_report)
    try:
        return qs.get(pk=pk)
    except (Delivery.DoesNotExist, ValueError, TypeError):
        raise Http404("No such delivery.") from None


WAITING = (StatusReport.Status.AWAITING_APPROVAL, StatusReport.Status.BLOCKED)


def reports_waiting_for(user) -> QuerySet[StatusReport]:
    """Reports waiting for a consultant's approval (or blocked by the check) on cases the user
    manages — the dashboard's "Waiting for approval", oldest first."""
    if not is_active_user(user):
        return StatusReport.objects.none()
    reports = StatusReport.objects.filter(status__in=WAITING)
    if not user.is_consultancy_admin:
        reports = reports.filter(organisation_id__in=org_ids_with(user, perms.MANAGE_CASES),
                                 case__in=cases_for(user))
    return reports.select_related("case", "audience", "requested_by", "schedule").order_by("awaiting_since", "id")


def engagement_summary(*, user, case: Case) -> dict:
    """The engagement panel of the case page: a few counts, constant queries."""
    if not can_view_engagement(user=user, case=case):
        return {}
    stakeholders = stakeholders_for(user).filter(case=case).aggregate(
        total=Count("id"), low_trust=Count("id", filter=Q(trust_level__lte=2)),
        receiving=Count("id", filter=Q(receives_reports=True)))
    communications = communications_for(user).filter(case=case)
    today = timezone.localdate()
    open_follow_ups = communications.filter(follow_up_due__isnull=False, follow_up_done_on__isnull=True)
    return {
        "stakeholders": stakeholders,
        "communications": communications.count(),
        "follow_ups_open": open_follow_ups.count(),
        "follow_ups_overdue": open_follow_ups.filter(follow_up_due__lt=today).count(),
        "next_schedule": schedules_for(user).filter(case=case, active=True).order_by("next_due_at").first(),
        "reports_awaiting_approval": status_reports_for(user).filter(
            case=case, status__in=WAITING).count(),
        "failed_deliveries": Delivery.objects.filter(status_report__in=status_reports_for(user).filter(case=case),
                                                     status=Delivery.Status.FAILED).count(),
        "press_lines_unapproved": PressLineVersion.objects.filter(
            press_line__in=press_lines_for(user).filter(case=case), approved_at__isnull=True).count(),
    }


# The content of a status report lives in report_content; read through here as before.
from .report_content import previous_report, status_report_context  # noqa: E402,F401
