"""The risk register API (mounted at /api/v1/). Thin: reads through the selectors, writes through the services.

A case or risk the user may not see answers 404, the same as a missing one: risks are looked up
through `selectors.risks_for`, so staff reach only the risks they own. A change the user may not
make answers 403 (checked before the input, so a leader learns nothing from a 400); a change the
services refuse answers 400 with the services' own words.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from crisis import access
from crisis.api_base import ERROR_400, CaseApiMixin, query_filters

from . import selectors, services
from .models import Risk, RiskComment, RiskScoreChange
from .serializers import (
    HeatMapFilterSerializer,
    HeatMapOutputSerializer,
    RiskCloseInputSerializer,
    RiskCommentInputSerializer,
    RiskCommentOutputSerializer,
    RiskCreateInputSerializer,
    RiskFilterSerializer,
    RiskImportOutputSerializer,
    RiskOutputSerializer,
    RiskRescoreInputSerializer,
    RiskScoreChangeOutputSerializer,
    RiskUpdateInputSerializer,
)

ERROR_403 = OpenApiResponse(description="You may see this risk register but not change it.")
ERROR_404 = OpenApiResponse(description="No such case or risk, or not one you may see.")
RISK_TAG = ["risks"]




def _risk_output(*, user, risk: Risk) -> dict:
    """The risk as the API shows it, read again (derived fields, owner and case joined)."""
    risk = selectors.risks_for(user).select_related("owner", "case").filter(pk=risk.pk).first() or risk
    return RiskOutputSerializer(risk).data


# Permissions ------------------------------------------------------------------------------------


class CanChangeRisk(BasePermission):
    """Changing a risk needs the organisation's manage permission; checked after the 404 lookup."""

    message = "Only the consultants assigned to this organisation can change its risk register."

    def has_object_permission(self, request, view, obj: Risk) -> bool:
        return request.method in SAFE_METHODS or access.can_manage_case(user=request.user, case=obj.case)


class CanCommentOnRisk(BasePermission):
    message = "Only consultants and the organisation's leaders can comment on risks."

    def has_object_permission(self, request, view, obj: Risk) -> bool:
        return request.method in SAFE_METHODS or selectors.can_comment_on_risks(user=request.user, case=obj.case)


class RiskApiMixin:
    """One risk by its id: 404 unless the user may see it, 403 for a change they may not make."""

    permission_classes = [IsAuthenticated, CanChangeRisk]
    filter_backends: list = []

    def get_risk(self) -> Risk:
        risk = get_object_or_404(
            selectors.risks_for(self.request.user).select_related("owner", "case", "case__organisation"),
            pk=self.kwargs["pk"],
        )
        self.check_object_permissions(self.request, risk)
        return risk


# A case's register ------------------------------------------------------------------------------


@extend_schema(tags=RISK_TAG)
class CaseRiskListApi(CaseApiMixin, generics.ListAPIView):
    """A case's risk register, by priority then score. Staff see the risks they own."""

    serializer_class = RiskOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Risk]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema without a case
            return Risk.objects.none()
        case = self.get_case()
        filters = query_filters(RiskFilterSerializer, self.request)
        # Each row names its case's reference: join it rather than load it per row.
        return selectors.case_risks(user=self.request.user, case=case, filters=filters).select_related("case")

    @extend_schema(
        parameters=[RiskFilterSerializer],
        responses={200: RiskOutputSerializer(many=True), 400: ERROR_400, 404: ERROR_404},
        summary="List a case's risks",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=RiskCreateInputSerializer,
        responses={201: RiskOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add a risk to a case's register",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = RiskCreateInputSerializer(data=request.data, context={"case": case})
        serializer.is_valid(raise_exception=True)
        risk = services.risk_create(actor=request.user, case=case, **serializer.validated_data)
        return Response(_risk_output(user=request.user, risk=risk), status=status.HTTP_201_CREATED)


@extend_schema(tags=RISK_TAG)
class CaseRiskHeatMapApi(CaseApiMixin, generics.GenericAPIView):
    serializer_class = HeatMapOutputSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        parameters=[HeatMapFilterSerializer],
        responses={200: HeatMapOutputSerializer, 400: ERROR_400, 404: ERROR_404},
        summary="A case's risk heat map and counts",
        description="The 5×5 grid on one scoring (inherent, current or target), with the number of risks in each "
        "cell, and the counts by band and by category. Closed risks are left out unless `status` says otherwise.",
    )
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        filters = dict(query_filters(HeatMapFilterSerializer, request))
        basis = filters.pop("basis")
        risks = selectors.case_risks(user=request.user, case=case, filters=filters)
        counts = selectors.risk_register_counts(risks)
        return Response({
            "basis": basis,
            "cells": [cell for row in selectors.risk_heat_map(risks, basis=basis) for cell in row],
            "counts": {
                "by_band": {value: n for value, _, n in counts["by_band"]},
                "by_category": {value: n for value, _, n in counts["by_category"]},
                "total": counts["total"],
            },
        })


@extend_schema(tags=RISK_TAG)
class CaseRiskImportApi(CaseApiMixin, generics.GenericAPIView):
    parser_classes = [MultiPartParser, FormParser]
    serializer_class = RiskImportOutputSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary", "description": "The CSV file."}},
                "required": ["file"],
            }
        },
        responses={
            201: RiskImportOutputSerializer,
            400: OpenApiResponse(description='Nothing imported: {"detail": ["Row 4: likelihood must be 1 to 5, '
                                             'got 7 (current_likelihood).", …]}.'),
            403: ERROR_403,
            404: ERROR_404,
        },
        summary="Import risks from a CSV file",
        description="All or nothing: if any row has a problem nothing is added, and every problem is listed with "
        "its row number (the header is row 1). The columns are those of the CSV export.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": ["Attach the CSV file as the multipart field “file”."]})
        content = upload.read(services.RISK_CSV_MAX_BYTES + 1)
        risks = services.risks_import_csv(actor=request.user, case=case, content=content)
        return Response({"imported": len(risks)}, status=status.HTTP_201_CREATED)


# One risk ---------------------------------------------------------------------------------------


@extend_schema(tags=RISK_TAG)
class RiskDetailApi(RiskApiMixin, generics.GenericAPIView):
    serializer_class = RiskOutputSerializer
    pagination_class = None

    @extend_schema(responses={200: RiskOutputSerializer, 404: ERROR_404}, summary="Read a risk")
    def get(self, request: Request, pk: int) -> Response:
        return Response(RiskOutputSerializer(self.get_risk()).data)

    @extend_schema(
        request=RiskUpdateInputSerializer,
        responses={200: RiskOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Change a risk's details",
        description="Only the fields sent change. Likelihood and impact change by re-scoring (`rescore/`), "
        "and a risk closes through `close/`.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        risk = self.get_risk()
        serializer = RiskUpdateInputSerializer(data=request.data, context={"case": risk.case})
        serializer.is_valid(raise_exception=True)
        services.risk_update(actor=request.user, risk=risk, **serializer.validated_data)
        return Response(_risk_output(user=request.user, risk=risk))


@extend_schema(tags=RISK_TAG)
class RiskRescoreApi(RiskApiMixin, generics.GenericAPIView):
    serializer_class = RiskRescoreInputSerializer
    pagination_class = None

    @extend_schema(
        request=RiskRescoreInputSerializer,
        responses={200: RiskOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Re-score a risk",
        description="Records the review in the risk's history (who, when, old → new, why) and restarts the "
        "review clock. Unchanged scores record a review with no change.",
    )
    def post(self, request: Request, pk: int) -> Response:
        risk = self.get_risk()
        serializer = RiskRescoreInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.risk_rescore(actor=request.user, risk=risk, **serializer.validated_data)
        return Response(_risk_output(user=request.user, risk=risk))


@extend_schema(tags=RISK_TAG)
class RiskCloseApi(RiskApiMixin, generics.GenericAPIView):
    serializer_class = RiskCloseInputSerializer
    pagination_class = None

    @extend_schema(
        request=RiskCloseInputSerializer,
        responses={200: RiskOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Close a risk",
    )
    def post(self, request: Request, pk: int) -> Response:
        risk = self.get_risk()
        serializer = RiskCloseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.risk_close(actor=request.user, risk=risk, **serializer.validated_data)
        return Response(_risk_output(user=request.user, risk=risk))


@extend_schema(tags=RISK_TAG)
class RiskHistoryApi(RiskApiMixin, generics.ListAPIView):
    """Every scoring of the risk, oldest first: when it was identified, then each review."""

    serializer_class = RiskScoreChangeOutputSerializer

    def get_queryset(self) -> QuerySet[RiskScoreChange]:
        if getattr(self, "swagger_fake_view", False):
            return RiskScoreChange.objects.none()
        return selectors.risk_history(risk=self.get_risk())


@extend_schema(tags=RISK_TAG)
class RiskCommentListApi(RiskApiMixin, generics.ListAPIView):
    """Comments on the risk, oldest first. Consultants and the organisation's leaders may add them."""

    serializer_class = RiskCommentOutputSerializer
    permission_classes = [IsAuthenticated, CanCommentOnRisk]

    def get_queryset(self) -> QuerySet[RiskComment]:
        if getattr(self, "swagger_fake_view", False):
            return RiskComment.objects.none()
        return selectors.risk_comments(risk=self.get_risk())

    @extend_schema(
        request=RiskCommentInputSerializer,
        responses={201: RiskCommentOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Comment on a risk",
    )
    def post(self, request: Request, pk: int) -> Response:
        risk = self.get_risk()
        serializer = RiskCommentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = services.risk_comment_create(actor=request.user, risk=risk, **serializer.validated_data)
        return Response(RiskCommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)
