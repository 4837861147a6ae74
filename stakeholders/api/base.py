"""What the engagement API shares: error answers, tags, the case mixin and the permission classes."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from crisis.access import can_manage_case, can_view_confidential
from crisis.models import Case
from crisis.selectors import get_case_for

from .. import selectors
from ..models import (
    Communication,
    Delivery,
    PressLine,
    Stakeholder,
    StatusReport,
    UpdateSchedule,
)
from ..serializers import (
    CommunicationOutputSerializer,
    PressLineOutputSerializer,
    ScheduleOutputSerializer,
    StakeholderDetailOutputSerializer,
    StatusReportDetailOutputSerializer,
)

ERROR_403 = OpenApiResponse(description="Staff do not read the engagement; leaders read it but do not change it.")
ERROR_404 = OpenApiResponse(description="No such case or object, or not one you may see.")
STAKEHOLDER_TAG = ["stakeholders"]
COMMUNICATION_TAG = ["communications"]
PRESS_LINE_TAG = ["press lines"]
REPORT_TAG = ["status reports"]
FILE_RESPONSE = OpenApiResponse(response=OpenApiTypes.BINARY, description="The file, as an attachment.")




def _stakeholder_output(*, user, stakeholder: Stakeholder) -> dict:
    """The stakeholder as the API shows it, read again like a list row (contacts, recent contacts)."""
    row = selectors.case_stakeholders(user=user, case=stakeholder.case).select_related("case").filter(
        pk=stakeholder.pk).first()
    if row is None:  # not expected: the stakeholder was just read or written through the user's selectors
        raise Http404("No such stakeholder.")
    history = selectors.stakeholder_trust_history(stakeholder=row)
    return StakeholderDetailOutputSerializer(row, context={"trust_history": history}).data


def _communication_output(*, user, communication: Communication) -> dict:
    """The contact read again through the selector, which decides who sees the mediation notes."""
    row = selectors.get_communication_for(user=user, pk=communication.pk)
    show = can_view_confidential(user=user, organisation_id=row.organisation_id)
    return CommunicationOutputSerializer(row, context={"show_confidential": show}).data


def _press_line_output(*, user, press_line: PressLine) -> dict:
    return PressLineOutputSerializer(selectors.get_press_line_for(user=user, pk=press_line.pk)).data


def _schedule_output(*, user, schedule: UpdateSchedule) -> dict:
    row = selectors.case_schedules(user=user, case=schedule.case).select_related("case").filter(
        pk=schedule.pk).first()
    if row is None:
        raise Http404("No such schedule.")
    return ScheduleOutputSerializer(row).data


def _status_report_output(*, user, status_report: StatusReport) -> dict:
    row = selectors.get_status_report_for(user=user, pk=status_report.pk)
    return StatusReportDetailOutputSerializer(row).data


# Permissions ------------------------------------------------------------------------------------


class ReadsEngagement(BasePermission):
    """A case's engagement is read by its consultants and the organisation's leaders, not by staff.
    Checked on the case, after the selector has answered 404 for a case the user cannot see."""

    message = "Stakeholder engagement is for the organisation's leaders and its consultants."

    def has_object_permission(self, request, view, obj: Case) -> bool:
        return selectors.can_view_engagement(user=request.user, case=obj)


class CanManageEngagement(BasePermission):
    """Changes are for the consultants of the organisation. `obj` is the case."""

    message = "Only the consultants assigned to this organisation can do this."

    def has_object_permission(self, request, view, obj: Case) -> bool:
        return request.method in SAFE_METHODS or can_manage_case(user=request.user, case=obj)


class EngagementCaseMixin:
    """A case by its reference: 404 unless the user sees it, 403 unless they read its engagement, and
    403 for a change they may not make."""

    permission_classes = [IsAuthenticated, ReadsEngagement, CanManageEngagement]
    filter_backends: list = []

    def get_case(self) -> Case:
        case = get_case_for(user=self.request.user, reference=self.kwargs["reference"])
        self.check_object_permissions(self.request, case)
        return case


class EngagementObjectMixin:
    """One engagement object by its id, through the selectors: 404 unless the user reads its case's
    engagement; 403 for a change they may not make (checked before the body is read)."""

    permission_classes = [IsAuthenticated, CanManageEngagement]
    filter_backends: list = []

    def _checked(self, obj, case: Case):
        self.check_object_permissions(self.request, case)
        return obj

    def get_stakeholder(self) -> Stakeholder:
        stakeholder = selectors.get_stakeholder_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(stakeholder, stakeholder.case)

    def get_communication(self) -> Communication:
        communication = selectors.get_communication_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(communication, communication.case)

    def get_press_line(self) -> PressLine:
        press_line = selectors.get_press_line_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(press_line, press_line.case)

    def get_schedule(self) -> UpdateSchedule:
        schedule = selectors.get_schedule_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(schedule, schedule.case)

    def get_status_report(self) -> StatusReport:
        status_report = selectors.get_status_report_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(status_report, status_report.case)

    def get_delivery(self) -> Delivery:
        delivery = selectors.get_delivery_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(delivery, delivery.status_report.case)
