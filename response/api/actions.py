"""The action plan API: a case's actions, "our action plan", one action with its progress, notes,
evidence and history."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400, CaseApiMixin, query_filters

from .. import selectors, services
from ..downloads import evidence_file_response
from ..models import Action, ActionEvent, ActionNote, Evidence
from ..serializers import (
    ActionCreateInputSerializer,
    ActionDetailOutputSerializer,
    ActionDoneInputSerializer,
    ActionEventOutputSerializer,
    ActionFilterSerializer,
    ActionNoteInputSerializer,
    ActionNoteOutputSerializer,
    ActionOutputSerializer,
    ActionPlanFilterSerializer,
    ActionProgressInputSerializer,
    ActionReopenInputSerializer,
    ActionUpdateInputSerializer,
    ActionVerifyInputSerializer,
    EvidenceFileInputSerializer,
    EvidenceLinkInputSerializer,
    EvidenceOutputSerializer,
)
from .base import (
    ACTION_TAG,
    ERROR_403,
    ERROR_404,
    ActionApiMixin,
    CanUpdateAction,
    IsActionOwner,
    _action_output,
)

# A case's actions and "our action plan" ---------------------------------------------------------


@extend_schema(tags=ACTION_TAG)
class CaseActionListApi(CaseApiMixin, generics.ListAPIView):
    """A case's action plan: overdue first, then by due date."""

    serializer_class = ActionOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Action]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema without a case
            return Action.objects.none()
        case = self.get_case()
        return selectors.case_actions(user=self.request.user, case=case,
                                      filters=query_filters(ActionFilterSerializer, self.request))

    @extend_schema(
        parameters=[ActionFilterSerializer],
        responses={200: ActionOutputSerializer(many=True), 400: ERROR_400, 404: ERROR_404},
        summary="List a case's actions",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ActionCreateInputSerializer,
        responses={201: ActionDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add an action to a case's plan",
        description="Consultants of the organisation. The owner is a member of the organisation or a consultant "
        "assigned to it; `risks` are ids of the case's risks.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ActionCreateInputSerializer(data=request.data, context={"case": case, "request": request})
        serializer.is_valid(raise_exception=True)
        action = services.action_create(actor=request.user, case=case, **serializer.validated_data)
        return Response(_action_output(user=request.user, action=action), status=status.HTTP_201_CREATED)


@extend_schema(tags=ACTION_TAG)
class ActionPlanApi(generics.ListAPIView):
    """"Our action plan": the open actions of every open case you see, overdue first, then by due date."""

    serializer_class = ActionOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Action]:
        return selectors.action_plan_for(user=self.request.user,
                                         filters=query_filters(ActionPlanFilterSerializer, self.request))

    @extend_schema(
        parameters=[ActionPlanFilterSerializer],
        responses={200: ActionOutputSerializer(many=True), 400: ERROR_400},
        summary="Our action plan",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)



# One action -------------------------------------------------------------------------------------


@extend_schema(tags=ACTION_TAG)
class ActionDetailApi(ActionApiMixin, generics.GenericAPIView):
    serializer_class = ActionDetailOutputSerializer
    pagination_class = None

    @extend_schema(
        responses={200: ActionDetailOutputSerializer, 404: ERROR_404},
        summary="Read an action",
        description="`consultant_notes` is present for consultants only.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_action_output(user=request.user, action=self.get_action()))

    @extend_schema(
        request=ActionUpdateInputSerializer,
        responses={200: ActionDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Change an action's details",
        description="Consultants of the organisation. Only the fields sent change. Progress changes through "
        "`progress/`, done through `done/`, verification through `verify/`.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        serializer = ActionUpdateInputSerializer(data=request.data, context={"case": action.case, "request": request})
        serializer.is_valid(raise_exception=True)
        services.action_update(actor=request.user, action=action, **serializer.validated_data)
        return Response(_action_output(user=request.user, action=action))


@extend_schema(tags=ACTION_TAG)
class ActionProgressApi(ActionApiMixin, generics.GenericAPIView):
    serializer_class = ActionProgressInputSerializer
    permission_classes = [IsAuthenticated, CanUpdateAction]
    pagination_class = None

    @extend_schema(
        request=ActionProgressInputSerializer,
        responses={200: ActionDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Update an action's progress",
        description="The owner, the organisation's leaders and its consultants. Blocked needs the reason.",
    )
    def post(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        serializer = ActionProgressInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = services.action_update_progress(actor=request.user, action=action, **serializer.validated_data)
        return Response(_action_output(user=request.user, action=action))


@extend_schema(tags=ACTION_TAG)
class ActionDoneApi(ActionApiMixin, generics.GenericAPIView):
    serializer_class = ActionDoneInputSerializer
    permission_classes = [IsAuthenticated, IsActionOwner]
    pagination_class = None

    @extend_schema(
        request=ActionDoneInputSerializer,
        responses={200: ActionDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Declare an action done",
        description="The action's owner only, saying what was done. A consultant then verifies it.",
    )
    def post(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        serializer = ActionDoneInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = services.action_mark_done(actor=request.user, action=action, **serializer.validated_data)
        return Response(_action_output(user=request.user, action=action))


@extend_schema(tags=ACTION_TAG)
class ActionVerifyApi(ActionApiMixin, generics.GenericAPIView):
    serializer_class = ActionVerifyInputSerializer
    pagination_class = None

    @extend_schema(
        request=ActionVerifyInputSerializer,
        responses={200: ActionDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Verify a done action",
        description="Consultants of the organisation, once the owner has declared it done.",
    )
    def post(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        serializer = ActionVerifyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = services.action_verify(actor=request.user, action=action, **serializer.validated_data)
        return Response(_action_output(user=request.user, action=action))


@extend_schema(tags=ACTION_TAG)
class ActionReopenApi(ActionApiMixin, generics.GenericAPIView):
    serializer_class = ActionReopenInputSerializer
    pagination_class = None

    @extend_schema(
        request=ActionReopenInputSerializer,
        responses={200: ActionDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Reopen a done or verified action",
        description="Consultants of the organisation, saying why. The action goes back to in progress.",
    )
    def post(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        serializer = ActionReopenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = services.action_reopen(actor=request.user, action=action, **serializer.validated_data)
        return Response(_action_output(user=request.user, action=action))


@extend_schema(tags=ACTION_TAG)
class ActionNoteListApi(ActionApiMixin, generics.ListAPIView):
    """Notes on the action, oldest first. Consultant-only notes are left out for client users."""

    serializer_class = ActionNoteOutputSerializer
    permission_classes = [IsAuthenticated, CanUpdateAction]

    def get_queryset(self) -> QuerySet[ActionNote]:
        if getattr(self, "swagger_fake_view", False):
            return ActionNote.objects.none()
        return selectors.action_notes(user=self.request.user, action=self.get_action())

    @extend_schema(
        request=ActionNoteInputSerializer,
        responses={201: ActionNoteOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add a note to an action",
        description="The owner, the organisation's leaders and its consultants; consultant-only notes are "
        "for consultants.",
    )
    def post(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        serializer = ActionNoteInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = services.action_note_add(actor=request.user, action=action, **serializer.validated_data)
        return Response(ActionNoteOutputSerializer(note).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=ACTION_TAG)
class ActionEvidenceListApi(ActionApiMixin, generics.ListAPIView):
    """The action's evidence, oldest first: files (downloaded through `download`) and links."""

    serializer_class = EvidenceOutputSerializer
    permission_classes = [IsAuthenticated, CanUpdateAction]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[Evidence]:
        if getattr(self, "swagger_fake_view", False):
            return Evidence.objects.none()
        return selectors.action_evidence(action=self.get_action())

    @extend_schema(
        request={
            "multipart/form-data": EvidenceFileInputSerializer,
            "application/json": EvidenceLinkInputSerializer,
            "application/x-www-form-urlencoded": EvidenceLinkInputSerializer,
        },
        responses={201: EvidenceOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add evidence to an action",
        description="Upload a file (multipart: `file`, optional `title`) or give a link (`url`, optional "
        "`title`). Files are checked by content, not only by name: PDF, DOCX, XLSX, PNG or JPG, up to the "
        "size limit. A refused file answers 400 with the reason, and nothing is stored.",
    )
    def post(self, request: Request, pk: int) -> Response:
        action = self.get_action()
        if "file" in request.FILES:
            serializer = EvidenceFileInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            evidence = services.action_evidence_add_file(
                actor=request.user, action=action, uploaded_file=serializer.validated_data["file"],
                title=serializer.validated_data["title"],
            )
        elif "url" in request.data:
            serializer = EvidenceLinkInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            evidence = services.action_evidence_add_link(actor=request.user, action=action, **serializer.validated_data)
        else:
            raise ValidationError({"detail": ["Attach a file (multipart field “file”) or give a link (“url”)."]})
        return Response(EvidenceOutputSerializer(evidence).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=ACTION_TAG)
class ActionEvidenceDownloadApi(ActionApiMixin, generics.GenericAPIView):
    pagination_class = None

    def perform_content_negotiation(self, request: Request, force: bool = False):
        # The file goes out whatever the client says it accepts (Accept: application/pdf would
        # otherwise be a 406); the 404s and 403s stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="The file, as an attachment, with its checked content type.",
            ),
            404: OpenApiResponse(description="No such action or evidence, not one you may see, or a link."),
        },
        summary="Download an evidence file",
        description="Audited as `evidence.downloaded`. Link evidence has no file: 404.",
    )
    def get(self, request: Request, pk: int, evidence_pk: int) -> FileResponse:
        action = self.get_action()
        evidence = selectors.get_evidence_for(user=request.user, action=action, pk=evidence_pk)
        return evidence_file_response(user=request.user, action=action, evidence=evidence, via="api")


@extend_schema(tags=ACTION_TAG)
class ActionHistoryApi(ActionApiMixin, generics.ListAPIView):
    """Every change to the action, newest first. Consultant-only entries are left out for client users."""

    serializer_class = ActionEventOutputSerializer

    def get_queryset(self) -> QuerySet[ActionEvent]:
        if getattr(self, "swagger_fake_view", False):
            return ActionEvent.objects.none()
        return selectors.action_events(user=self.request.user, action=self.get_action())
