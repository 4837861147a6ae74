"""The press line API: lines, versions and approval."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400

from .. import selectors, services
from ..models import (
    PressLine,
)
from ..serializers import (
    PressLineInputSerializer,
    PressLineOutputSerializer,
    PressLineVersionInputSerializer,
    PressLineVersionOutputSerializer,
)
from .base import ERROR_403, ERROR_404, PRESS_LINE_TAG, EngagementCaseMixin, EngagementObjectMixin, _press_line_output

# Press lines ------------------------------------------------------------------------------------


@extend_schema(tags=PRESS_LINE_TAG)
class CasePressLineListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's press lines and holding statements by title, each with its versions, newest first."""

    serializer_class = PressLineOutputSerializer

    def get_queryset(self) -> QuerySet[PressLine]:
        if getattr(self, "swagger_fake_view", False):
            return PressLine.objects.none()
        return selectors.case_press_lines(user=self.request.user, case=self.get_case()).select_related("case")

    @extend_schema(responses={200: PressLineOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's press lines")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=PressLineInputSerializer,
        responses={201: PressLineOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Write a new press line",
        description="Consultants of the organisation. The wording is version 1, to be approved by someone other "
        "than its writer before use.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = PressLineInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.press_line_write(actor=request.user, case=case, **serializer.validated_data)
        return Response(_press_line_output(user=request.user, press_line=version.press_line),
                        status=status.HTTP_201_CREATED)


@extend_schema(tags=PRESS_LINE_TAG)
class PressLineDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    """One press line with its versions, newest first, and whether it is approved for use."""

    serializer_class = PressLineOutputSerializer
    pagination_class = None

    @extend_schema(responses={200: PressLineOutputSerializer, 404: ERROR_404}, summary="Read a press line")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_press_line_output(user=request.user, press_line=self.get_press_line()))


@extend_schema(tags=PRESS_LINE_TAG)
class PressLineVersionCreateApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = PressLineVersionInputSerializer
    pagination_class = None

    @extend_schema(
        request=PressLineVersionInputSerializer,
        responses={201: PressLineVersionOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Write a new version of a press line",
        description="Consultants of the organisation. The new version is not approved: the press line is not "
        "approved for use until it is.",
    )
    def post(self, request: Request, pk: int) -> Response:
        press_line = self.get_press_line()
        serializer = PressLineVersionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.press_line_write(actor=request.user, case=press_line.case, press_line=press_line,
                                            text=serializer.validated_data["text"])
        return Response(PressLineVersionOutputSerializer(version).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=PRESS_LINE_TAG)
class PressLineVersionApproveApi(generics.GenericAPIView):
    serializer_class = PressLineVersionOutputSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        request=None,
        responses={200: PressLineVersionOutputSerializer, 400: ERROR_400,
                   403: OpenApiResponse(description="Only the case's consultants or the organisation's leaders "
                                                    "approve press lines."),
                   404: ERROR_404},
        summary="Approve a press line version",
        description="A consultant of the organisation or one of its leaders, never the version's writer.",
    )
    def post(self, request: Request, pk: int) -> Response:
        version = selectors.get_press_line_version_for(user=request.user, pk=pk)
        # The service decides who approves (leaders included) and answers PermissionDenied (403) otherwise.
        version = services.press_line_approve(actor=request.user, version=version)
        return Response(PressLineVersionOutputSerializer(version).data)
