"""The communication log API: contacts with their files, follow-ups."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.access import can_view_confidential
from crisis.api_base import ERROR_400, query_filters

from .. import downloads, selectors, services
from ..models import (
    Communication,
    CommunicationAttachment,
)
from ..serializers import (
    AttachmentDetailOutputSerializer,
    AttachmentInputSerializer,
    CommunicationFilterSerializer,
    CommunicationInputSerializer,
    CommunicationOutputSerializer,
    FollowUpFilterSerializer,
    FollowUpOutputSerializer,
)
from .base import (
    COMMUNICATION_TAG,
    ERROR_403,
    ERROR_404,
    FILE_RESPONSE,
    EngagementCaseMixin,
    EngagementObjectMixin,
    _communication_output,
)

# Communications ---------------------------------------------------------------------------------


@extend_schema(tags=COMMUNICATION_TAG)
class CaseCommunicationListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's communication log, newest first. `mediation_notes` is present for consultants only."""

    serializer_class = CommunicationOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[Communication]:
        if getattr(self, "swagger_fake_view", False):
            return Communication.objects.none()
        self.case = self.get_case()
        filters = query_filters(CommunicationFilterSerializer, self.request)
        return selectors.case_communications(user=self.request.user, case=self.case,
                                             filters=filters).select_related("case")

    def get_serializer_context(self) -> dict:
        case = getattr(self, "case", None)
        show = case is not None and can_view_confidential(user=self.request.user,
                                                          organisation_id=case.organisation_id)
        return {**super().get_serializer_context(), "show_confidential": show}

    @extend_schema(
        parameters=[CommunicationFilterSerializer],
        responses={200: CommunicationOutputSerializer(many=True), 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="List a case's communications",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"application/json": CommunicationInputSerializer,
                 "multipart/form-data": CommunicationInputSerializer},
        responses={201: CommunicationOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Log a contact with stakeholders",
        description="Consultants of the organisation. `stakeholders` are ids of this case's stakeholders. Send "
        "multipart to attach files (`attachments`, repeated): each is checked by content before anything is "
        "stored, and a refused file answers 400 with nothing written. The contact enters the chronology as a "
        "consultant-only entry, without the mediation notes.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = CommunicationInputSerializer(data=request.data, context={"case": case, "request": request})
        serializer.is_valid(raise_exception=True)
        communication = services.communication_log(actor=request.user, case=case, **serializer.validated_data)
        return Response(_communication_output(user=request.user, communication=communication),
                        status=status.HTTP_201_CREATED)


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = CommunicationOutputSerializer
    pagination_class = None

    @extend_schema(
        responses={200: CommunicationOutputSerializer, 404: ERROR_404},
        summary="Read a logged contact",
        description="`mediation_notes` is present for consultants only.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_communication_output(user=request.user, communication=self.get_communication()))


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationFollowUpDoneApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = CommunicationOutputSerializer
    pagination_class = None

    @extend_schema(
        request=None,
        responses={200: CommunicationOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Mark a contact's follow-up done",
        description="Consultants of the organisation. Dated today; a contact with no open follow-up is a 400.",
    )
    def post(self, request: Request, pk: int) -> Response:
        communication = self.get_communication()
        services.communication_follow_up_done(actor=request.user, communication=communication)
        return Response(_communication_output(user=request.user, communication=communication))


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationAttachmentListApi(EngagementObjectMixin, generics.ListAPIView):
    """The files of a logged contact, oldest first."""

    serializer_class = AttachmentDetailOutputSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[CommunicationAttachment]:
        if getattr(self, "swagger_fake_view", False):
            return CommunicationAttachment.objects.none()
        # The contact's files, already read (prefetched) through the selector with the contact.
        return self.get_communication().attachments.all()

    @extend_schema(responses={200: AttachmentDetailOutputSerializer(many=True), 404: ERROR_404},
                   summary="List the files of a logged contact")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={201: AttachmentDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Attach a file to a logged contact",
        description="Consultants of the organisation. Multipart field `file`: PDF, DOCX, XLSX, PNG or JPG, checked "
        "by content, up to the size limit. A refused file answers 400 with the reason, and nothing is stored.",
    )
    def post(self, request: Request, pk: int) -> Response:
        communication = self.get_communication()
        serializer = AttachmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.communication_attachment_add(actor=request.user, communication=communication,
                                                           uploaded_file=serializer.validated_data["file"])
        return Response(AttachmentDetailOutputSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationAttachmentDownloadApi(EngagementObjectMixin, generics.GenericAPIView):
    pagination_class = None

    def perform_content_negotiation(self, request: Request, force: bool = False):
        # The file goes out whatever the client says it accepts; the 404s stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "application/octet-stream"): FILE_RESPONSE, 404: ERROR_404},
        summary="Download a file of a logged contact",
        description="Audited as `communication.attachment_downloaded`.",
    )
    def get(self, request: Request, pk: int, attachment_pk: int) -> FileResponse:
        communication = self.get_communication()
        attachment = selectors.get_attachment_for(user=request.user, communication=communication, pk=attachment_pk)
        return downloads.attachment_file(user=request.user, communication=communication, attachment=attachment,
                                         via="api")


@extend_schema(tags=COMMUNICATION_TAG)
class FollowUpListApi(generics.ListAPIView):
    """Open follow-ups due within `days` (and every overdue one), across the open cases whose engagement
    you read; soonest first."""

    serializer_class = FollowUpOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Communication]:
        days = query_filters(FollowUpFilterSerializer, self.request)["days"]
        return selectors.follow_ups_due(user=self.request.user, within_days=days)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        parameters=[FollowUpFilterSerializer],
        responses={200: FollowUpOutputSerializer(many=True), 400: ERROR_400},
        summary="Follow-ups due",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
