"""What the response plan API's modules share: error answers, tags, filters, the permission classes."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from crisis import access
from crisis import permissions as perms
from crisis.models import Organisation

from .. import selectors, services
from ..models import Action, Policy
from ..serializers import (
    ActionDetailOutputSerializer,
    PolicyDetailOutputSerializer,
)

ERROR_403 = OpenApiResponse(description="You may see this but not make this change.")
ERROR_404 = OpenApiResponse(description="No such case, action or evidence, or not one you may see.")
ERROR_404_POLICY = OpenApiResponse(description="No such organisation or policy, or not one you may see.")
ACTION_TAG = ["actions"]
POLICY_TAG = ["policies"]
CHECKPOINT_TAG = ["checkpoints"]




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
