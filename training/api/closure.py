"""A case's closure report through the API: the same selectors and services as the pages.

A case the user may not see, and a version they may not read (a draft, for a leader; any, for
staff), answer 404; staff are refused the case's list (403); a write by anyone but the case's
consultants is a 403, and bad input (an empty refusal, a change to an approved version, the
requester approving) a 400 with the reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crisis.access import can_manage_case
from crisis.api_base import ERROR_400
from crisis.models import Case
from crisis.selectors import get_case_for

from .. import selectors, services
from ..models import ClosureReport
from ..serializers.closure import (
    ClosureDecisionInputSerializer,
    ClosureOverrideInputSerializer,
    ClosureReportOutputSerializer,
    ClosureTextInputSerializer,
)

TAGS = ["training"]
ERROR_403 = OpenApiResponse(description="Only the case's consultants write its closure report; staff read none.")
ERROR_404 = OpenApiResponse(description="No such case or closure report, or not one you may see (leaders see "
                                        "approved versions only).")


class ClosureApiMixin:
    permission_classes = [IsAuthenticated]
    filter_backends: list = []

    def get_case(self) -> Case:
        case = get_case_for(user=self.request.user, reference=self.kwargs["reference"])
        if not selectors.can_read_closure_reports(user=self.request.user, case=case):
            raise PermissionDenied("A case's closure report is read by its consultants and the organisation's leaders.")
        return case

    def get_closure(self, case: Case) -> ClosureReport:
        return selectors.get_closure_report_for(user=self.request.user, case=case, pk=self.kwargs["pk"])

    def output(self, case: Case, closure: ClosureReport, *, code: int = status.HTTP_200_OK) -> Response:
        closure = selectors.get_closure_report_for(user=self.request.user, case=case, pk=closure.pk)
        context = {}
        if can_manage_case(user=self.request.user, case=case):
            findings = (selectors.closure_guard_hits(case=case, closure=closure)
                        if closure.status != ClosureReport.Status.APPROVED else [])
            context = {"findings": {closure.pk: findings},
                       "overrides": {closure.pk: list(selectors.closure_overrides(closure=closure))}}
        return Response(ClosureReportOutputSerializer(closure, context=context).data, status=code)


@extend_schema(tags=TAGS)
class ClosureReportListApi(ClosureApiMixin, generics.GenericAPIView):
    serializer_class = ClosureReportOutputSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ClosureReport.objects.none()
        return selectors.closure_reports_for(user=self.request.user, case=self.get_case())

    @extend_schema(responses={200: ClosureReportOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List the versions of a case's closure report",
                   description="Newest first. Consultants of the case see every version; the leaders who see the "
                               "case, the approved ones. `findings` and `overrides` are given on one version's "
                               "detail, not in the list.")
    def get(self, request: Request, reference: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ClosureReportOutputSerializer(page, many=True).data)

    @extend_schema(request=ClosureTextInputSerializer,
                   responses={201: ClosureReportOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Start a version of the closure report",
                   description="The first, or the next after an approved one (a version in hand is finished first).")
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        data = ClosureTextInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        closure = services.closure_create(actor=request.user, case=case, **data.validated_data)
        return self.output(case, closure, code=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class ClosureReportDetailApi(ClosureApiMixin, APIView):
    @extend_schema(responses={200: ClosureReportOutputSerializer, 403: ERROR_403, 404: ERROR_404},
                   summary="Read a version of the closure report",
                   description="For the case's consultants, with what the personal-data check finds now "
                               "(`findings`, with the text found) and the findings let stand (`overrides`).")
    def get(self, request: Request, reference: str, pk: int) -> Response:
        case = self.get_case()
        return self.output(case, self.get_closure(case))

    @extend_schema(request=ClosureTextInputSerializer,
                   responses={200: ClosureReportOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Change the lessons learned or the handover",
                   description="While the version is a draft or refused; an approved one is never changed (400).")
    def patch(self, request: Request, reference: str, pk: int) -> Response:
        case = self.get_case()
        closure = self.get_closure(case)
        data = ClosureTextInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        closure = services.closure_update(actor=request.user, closure=closure, **data.validated_data)
        return self.output(case, closure)


def _action_view(summary: str, description: str, service, *, input_serializer=None, code=status.HTTP_200_OK):
    """An endpoint that runs one service on one version and answers with the version."""

    @extend_schema(tags=TAGS)
    class ActionApi(ClosureApiMixin, APIView):
        @extend_schema(request=input_serializer,
                       responses={code: ClosureReportOutputSerializer, 400: ERROR_400, 403: ERROR_403,
                                  404: ERROR_404},
                       summary=summary, description=description)
        def post(self, request: Request, reference: str, pk: int) -> Response:
            case = self.get_case()
            closure = self.get_closure(case)
            values = {}
            if input_serializer is not None:
                data = input_serializer(data=request.data)
                if not can_manage_case(user=request.user, case=case):
                    raise PermissionDenied("Only the case's consultants, or the consultancy admin, write its "
                                           "closure report.")
                data.is_valid(raise_exception=True)
                values = data.validated_data
            result = service(actor=request.user, closure=closure, **values)
            return self.output(case, result if isinstance(result, ClosureReport) else closure, code=code)

    return ActionApi


class ClosureReportRequestApi(_action_view(
        "Send a version for approval",
        "Runs the personal-data check; its findings block approval until corrected or overridden. Needs the "
        "lessons learned and the handover.", services.closure_request_approval)):
    pass


class ClosureReportApproveApi(_action_view(
        "Approve a version",
        "A second consultant of the case, or the consultancy admin: the consultant who sent it for approval gets "
        "a 400. The check runs again first; a finding not overridden is a 400 and nothing is approved. Once "
        "approved, the PDF is rendered by a worker (see `report`).",
        services.closure_approve, input_serializer=ClosureDecisionInputSerializer)):
    pass


class ClosureReportRefuseApi(_action_view(
        "Refuse a version",
        "With the reason (required): the version goes back to be corrected, keeps the reason, and can be sent "
        "again.", services.closure_refuse, input_serializer=ClosureDecisionInputSerializer)):
    pass


class ClosureReportOverrideApi(_action_view(
        "Let a finding of the personal-data check stand",
        "One finding (its `hit_id` from `findings`) with the reason; audited. It holds while the same text "
        "stands in the same field.", services.closure_override, input_serializer=ClosureOverrideInputSerializer,
        code=status.HTTP_201_CREATED)):
    pass


class ClosureReportRetryApi(_action_view(
        "Render an approved version's PDF again",
        "After a failed render (`report.status` is failed).", services.closure_retry_render,
        code=status.HTTP_202_ACCEPTED)):
    pass


@extend_schema(tags=TAGS)
class ClosureReportDownloadApi(ClosureApiMixin, APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False):
        # The PDF goes out whatever the client says it accepts; the 404s stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY,
                                                              description="The file, as an attachment."),
                   403: ERROR_403,
                   404: OpenApiResponse(description="No such closure report, not one you may see, or its PDF "
                                                    "not rendered yet.")},
        summary="Download an approved closure report (PDF)",
        description="The case's consultants and the leaders who see the case. Audited as `report.downloaded`.",
    )
    def get(self, request: Request, reference: str, pk: int) -> FileResponse:
        from ..views.closure import closure_pdf_response

        case = self.get_case()
        return closure_pdf_response(user=request.user, closure=self.get_closure(case), via="api")
