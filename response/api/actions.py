"""The response plan API (mounted at /api/v1/): actions with their notes, evidence and history,
policies with their best-practice checklist, and improvement checkpoints. Thin: reads through the
selectors, writes through the services.

An action, case, organisation or policy the user may not see answers 404, the same as a missing one:
actions are looked up through `selectors.actions_for`, policies through `selectors.policies_for`. A
change the user may not make answers 403, checked before the input, so nobody learns anything from a
400; a change the services refuse answers 400 with the services' own words.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from crisis import access
from crisis import permissions as perms
from crisis import selectors as crisis_selectors
from crisis.api import ERROR_400, CaseApiMixin
from crisis.models import Organisation

from .. import selectors, services
from ..downloads import evidence_file_response
from ..models import Action, ActionEvent, ActionNote, Evidence, ImprovementCheckpoint, Policy
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
    CheckpointFiguresFilterSerializer,
    CheckpointFiguresOutputSerializer,
    CheckpointInputSerializer,
    CheckpointOutputSerializer,
    EvidenceFileInputSerializer,
    EvidenceLinkInputSerializer,
    EvidenceOutputSerializer,
    PolicyCheckInputSerializer,
    PolicyCreateInputSerializer,
    PolicyDetailOutputSerializer,
    PolicyOutputSerializer,
    PolicyUpdateInputSerializer,
)

ERROR_403 = OpenApiResponse(description="You may see this but not make this change.")
ERROR_404 = OpenApiResponse(description="No such case, action or evidence, or not one you may see.")
ERROR_404_POLICY = OpenApiResponse(description="No such organisation or policy, or not one you may see.")
ACTION_TAG = ["actions"]
POLICY_TAG = ["policies"]
CHECKPOINT_TAG = ["checkpoints"]


def _filters(serializer_class, request: Request) -> dict:
    """The query parameters, checked (an unknown value is a 400, as on the other lists)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _action_output(*, user, action: Action) -> dict:
    """The action as the API shows it, read again like a list row (risks, evidence count, RAG)."""
    row = (
        selectors.case_actions(user=user, case=action.case, filters={"status": "all"})
        .select_related("done_by", "verified_by")
        .filter(pk=action.pk)
        .first()
    )
    if row is None:  # not expected: the action was just read or written through the user's selectors
        raise Http404("No such action.")
    show = access.can_view_confidential(user=user, organisation_id=action.organisation_id)
    return ActionDetailOutputSerializer(row, context={"show_confidential": show}).data


def _policy_output(*, user, policy: Policy) -> dict:
    """The policy with its compliance, checklist and the reasons it is suggested as an action."""
    organisation = policy.organisation
    policy = selectors.get_policy_for(user=user, organisation=organisation, pk=policy.pk)
    reasons = {s["policy"].pk: s["reasons"]
               for s in selectors.policy_suggestions(user=user, organisation=organisation)}
    context = {"reasons": reasons, "checklist": selectors.policy_checklist(policy=policy)}
    return PolicyDetailOutputSerializer(policy, context=context).data


# Permissions ------------------------------------------------------------------------------------


class CanManageAction(BasePermission):
    """Editing, verifying and reopening: the consultants of the organisation."""

    message = "Only the consultants assigned to this organisation can do this."

    def has_object_permission(self, request, view, obj: Action) -> bool:
        return request.method in SAFE_METHODS or access.can_manage_case(user=request.user, case=obj.case)


class CanUpdateAction(BasePermission):
    """Progress, notes and evidence: the owner, the organisation's leaders and its consultants."""

    message = "Only the action's owner, the organisation's leaders and its consultants can update it."

    def has_object_permission(self, request, view, obj: Action) -> bool:
        return request.method in SAFE_METHODS or services.can_update_action(user=request.user, action=obj)


class IsActionOwner(BasePermission):
    """Done is declared by the action's owner, and nobody else."""

    message = "Only the action's owner can declare it done."

    def has_object_permission(self, request, view, obj: Action) -> bool:
        return request.method in SAFE_METHODS or (obj.owner_id is not None and obj.owner_id == request.user.pk)


class CanManageCaseEvenToRead(BasePermission):
    """The checkpoint figures preview is a consultant's tool, read included."""

    message = "Consultants record improvement checkpoints."

    def has_object_permission(self, request, view, obj) -> bool:
        return access.can_manage_case(user=request.user, case=obj)


class CanKeepPolicies(BasePermission):
    """Writing the register: the organisation's leaders and its consultants. `obj` is the organisation."""

    message = "Only the organisation's leaders and consultants keep its policy register."

    def has_object_permission(self, request, view, obj: Organisation) -> bool:
        return request.method in SAFE_METHODS or access.has_org_permission(
            user=request.user, organisation_id=obj.pk, codename=perms.MANAGE_POLICIES
        )


class CanCheckPolicies(BasePermission):
    """Checking a policy against best practice: the organisation's consultants."""

    message = "Consultants check policies against best practice."

    def has_object_permission(self, request, view, obj: Organisation) -> bool:
        return access.has_org_permission(user=request.user, organisation_id=obj.pk, codename=perms.MANAGE_CASES)


class ActionApiMixin:
    """One action by its id: 404 unless the user may see it, 403 for a step they may not take."""

    permission_classes = [IsAuthenticated, CanManageAction]
    filter_backends: list = []

    def get_action(self) -> Action:
        action = get_object_or_404(
            selectors.actions_for(self.request.user).select_related("owner", "case", "case__organisation"),
            pk=self.kwargs["pk"],
        )
        self.check_object_permissions(self.request, action)
        return action


class PolicyApiMixin:
    """One policy by its id: 404 unless the user sees its organisation; the permission checks that."""

    permission_classes = [IsAuthenticated, CanKeepPolicies]
    filter_backends: list = []
    pagination_class = None

    def get_policy(self) -> Policy:
        policy = get_object_or_404(
            selectors.policies_for(self.request.user).select_related("organisation"), pk=self.kwargs["pk"]
        )
        self.check_object_permissions(self.request, policy.organisation)
        return policy


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
                                      filters=_filters(ActionFilterSerializer, self.request))

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
                                         filters=_filters(ActionPlanFilterSerializer, self.request))

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


# Policies ---------------------------------------------------------------------------------------


@extend_schema(tags=POLICY_TAG)
class OrganisationPolicyListApi(generics.ListAPIView):
    """An organisation's policies and procedures register, with each policy's compliance."""

    serializer_class = PolicyOutputSerializer
    permission_classes = [IsAuthenticated, CanKeepPolicies]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends: list = []

    def get_organisation(self) -> Organisation:
        organisation = crisis_selectors.get_organisation_for(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, organisation)
        return organisation

    def get_queryset(self) -> list[Policy]:
        if getattr(self, "swagger_fake_view", False):
            return Policy.objects.none()
        organisation = self.get_organisation()
        self._reasons = {s["policy"].pk: s["reasons"]
                         for s in selectors.policy_suggestions(user=self.request.user, organisation=organisation)}
        return selectors.organisation_policies(user=self.request.user, organisation=organisation)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "reasons": getattr(self, "_reasons", {})}

    @extend_schema(
        responses={200: PolicyOutputSerializer(many=True), 404: ERROR_404_POLICY},
        summary="List an organisation's policies",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"application/json": PolicyCreateInputSerializer, "multipart/form-data": PolicyCreateInputSerializer},
        responses={201: PolicyDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404_POLICY},
        summary="Add a policy to the register",
        description="The organisation's leaders and its consultants. Send multipart to attach the document "
        "(checked like evidence).",
    )
    def post(self, request: Request, pk: int) -> Response:
        organisation = self.get_organisation()
        serializer = PolicyCreateInputSerializer(data=request.data, context={"organisation": organisation})
        serializer.is_valid(raise_exception=True)
        policy = services.policy_create(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(_policy_output(user=request.user, policy=policy), status=status.HTTP_201_CREATED)


@extend_schema(tags=POLICY_TAG)
class PolicyDetailApi(PolicyApiMixin, generics.GenericAPIView):
    serializer_class = PolicyDetailOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        responses={200: PolicyDetailOutputSerializer, 404: ERROR_404_POLICY},
        summary="Read a policy with its checklist",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_policy_output(user=request.user, policy=self.get_policy()))

    @extend_schema(
        request={"application/json": PolicyUpdateInputSerializer, "multipart/form-data": PolicyUpdateInputSerializer},
        responses={200: PolicyDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404_POLICY},
        summary="Change a policy",
        description="The organisation's leaders and its consultants. Only the fields sent change.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        policy = self.get_policy()
        serializer = PolicyUpdateInputSerializer(data=request.data, context={"organisation": policy.organisation})
        serializer.is_valid(raise_exception=True)
        services.policy_update(actor=request.user, policy=policy, **serializer.validated_data)
        return Response(_policy_output(user=request.user, policy=policy))


@extend_schema(tags=POLICY_TAG)
class PolicyChecklistApi(PolicyApiMixin, generics.GenericAPIView):
    serializer_class = PolicyCheckInputSerializer
    permission_classes = [IsAuthenticated, CanCheckPolicies]

    @extend_schema(
        request=PolicyCheckInputSerializer,
        responses={200: PolicyDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404_POLICY},
        summary="Mark how a policy meets one checklist requirement",
        description="Consultants of the organisation. Answers the policy with its new compliance.",
    )
    def post(self, request: Request, pk: int) -> Response:
        policy = self.get_policy()
        serializer = PolicyCheckInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.policy_check_set(actor=request.user, policy=policy, **serializer.validated_data)
        return Response(_policy_output(user=request.user, policy=policy))


# Improvement checkpoints ------------------------------------------------------------------------


@extend_schema(tags=CHECKPOINT_TAG)
class CaseCheckpointListApi(CaseApiMixin, generics.ListAPIView):
    """A case's improvement checkpoints, oldest first: the trend."""

    serializer_class = CheckpointOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[ImprovementCheckpoint]:
        if getattr(self, "swagger_fake_view", False):
            return ImprovementCheckpoint.objects.none()
        return selectors.case_checkpoints(case=self.get_case()).select_related("case")

    @extend_schema(
        request=CheckpointInputSerializer,
        responses={201: CheckpointOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Record an improvement checkpoint",
        description="Consultants of the organisation. The figures are filled from the data; see `figures/` "
        "for a preview.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = CheckpointInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        checkpoint = services.checkpoint_record(actor=request.user, case=case, **serializer.validated_data)
        return Response(CheckpointOutputSerializer(checkpoint).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=CHECKPOINT_TAG)
class CaseCheckpointFiguresApi(CaseApiMixin, generics.GenericAPIView):
    serializer_class = CheckpointFiguresOutputSerializer
    permission_classes = [IsAuthenticated, CanManageCaseEvenToRead]
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        parameters=[CheckpointFiguresFilterSerializer],
        responses={200: CheckpointFiguresOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Preview the figures a checkpoint would record",
        description="Consultants of the organisation.",
    )
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        on = _filters(CheckpointFiguresFilterSerializer, request)["on"]
        return Response(CheckpointFiguresOutputSerializer(services.checkpoint_figures(case=case, on=on)).data)
