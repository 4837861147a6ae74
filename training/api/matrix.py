"""The training matrix and the training record PDF through the API: the same selectors and service
as the pages. Another organisation is a 404; staff are refused (403) before anything is read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crisis.api_base import ERROR_400, query_filters
from crisis.models import Organisation, Report

from .. import selectors, services
from ..serializers.matrix import (
    MatrixFilterSerializer,
    MatrixOutputSerializer,
    RecordReportOutputSerializer,
    RecordRequestInputSerializer,
)

TAG = ["training"]
ERROR_403 = OpenApiResponse(description="Staff read only their own training (GET /training/me/ on the pages).")
ERROR_404 = OpenApiResponse(description="No such organisation (or report), or not one you may see.")


class TrainingOrganisationMixin:
    permission_classes = [IsAuthenticated]

    def get_organisation(self) -> Organisation:
        user = self.request.user
        organisation = selectors.get_training_organisation(user=user, pk=self.kwargs["organisation_id"])
        if not selectors.can_manage_training(user=user, organisation_id=organisation.pk):
            raise PermissionDenied("An organisation's training records are kept by its consultants and leaders.")
        return organisation


def _coverage(cover) -> dict:
    return {"applicable": cover.applicable, "in_date": cover.in_date, "percent": cover.percent,
            "counts": cover.counts}


@extend_schema(tags=TAG)
class MatrixApi(TrainingOrganisationMixin, APIView):
    @extend_schema(
        parameters=[MatrixFilterSerializer],
        responses={200: MatrixOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Read the training matrix",
        description="A page of 50 current people with their cells (current, expiring within 60 days, expired, "
                    "missing, na: not required), and coverage over every person the filters leave. The whole "
                    "matrix as CSV: /training/{organisation_id}/matrix.csv.",
    )
    def get(self, request: Request, organisation_id: int) -> Response:
        organisation = self.get_organisation()
        filters = query_filters(MatrixFilterSerializer, request)
        grid = selectors.training_matrix(user=request.user, organisation=organisation, page=filters["page"],
                                         role=filters["role"], department=filters["department"] or None)
        ids = [requirement.pk for requirement in grid.requirements]
        data = {
            "count": grid.page.paginator.count, "page": grid.page.number, "pages": grid.page.paginator.num_pages,
            "page_size": grid.page.paginator.per_page, "expiring_days": selectors.EXPIRING_DAYS,
            "requirements": grid.requirements,
            "coverage": [{"requirement": r.pk, **_coverage(cover)} for r, cover in grid.coverage],
            "overall": _coverage(grid.overall),
            "results": [{**row["person"], "cells": [
                {"requirement": rid, "status": cell.status, "label": cell.label, "expires_on": cell.expires_on}
                for rid, cell in zip(ids, row["cells"], strict=True)]} for row in grid.rows],
        }
        return Response(MatrixOutputSerializer(data).data)


@extend_schema(tags=TAG)
class RecordPdfApi(TrainingOrganisationMixin, APIView):
    @extend_schema(
        request=RecordRequestInputSerializer,
        responses={202: RecordReportOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Ask for the training record PDF",
        description="Rendered by a worker; download it from .../record-pdf/{id}/ once ready. The period (default: "
                    "the last twelve months) chooses the sessions listed as delivered.",
    )
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = self.get_organisation()
        serializer = RecordRequestInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = services.record_request(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(RecordReportOutputSerializer(report).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=TAG)
class RecordPdfDownloadApi(TrainingOrganisationMixin, APIView):
    def perform_content_negotiation(self, request: Request, force: bool = False):
        # The PDF goes out whatever the client says it accepts; the 404s stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY,
                                                              description="The file, as an attachment."),
                   403: ERROR_403,
                   404: OpenApiResponse(description="No such training record, not one you may see, or not "
                                                    "rendered yet.")},
        summary="Download a training record PDF",
        description="Consultants and the organisation's leaders. Audited as `report.downloaded`.",
    )
    def get(self, request: Request, organisation_id: int, pk: int) -> FileResponse:
        from django.http import Http404

        from ..views.matrix import record_pdf_response

        organisation = self.get_organisation()
        report = selectors.get_training_record_report_for(user=request.user, organisation=organisation, pk=pk)
        if report.status != Report.Status.READY or not report.file:
            raise Http404("That training record is not rendered yet.")
        return record_pdf_response(user=request.user, organisation=organisation, report=report, via="api")
