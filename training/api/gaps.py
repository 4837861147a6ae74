"""The training gaps of an organisation, and turning them into actions on a case's response plan."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from crisis.api_base import ERROR_400
from crisis.models import Organisation, Stage
from response import selectors as response_selectors

from .. import selectors, services

GAPS_TAG = ["training"]
ERROR_403 = OpenApiResponse(description="You may see this organisation but not keep its training or its plan.")
ERROR_404 = OpenApiResponse(description="No such organisation or case, or not one you may see.")


class GapPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class RequirementGapsOutputSerializer(serializers.Serializer):
    requirement_id = serializers.IntegerField(source="requirement.pk")
    requirement = serializers.CharField(source="requirement.title")
    expired = GapPersonSerializer(many=True)
    missing = GapPersonSerializer(many=True)
    count = serializers.IntegerField()


class GapActionsInputSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=40, help_text="The reference of an open case of the organisation "
                                 "in the Response stage.")


class GapActionsOutputSerializer(serializers.Serializer):
    created = serializers.ListField(child=serializers.DictField(), help_text="The actions added: id and title.")
    already_in_plan = serializers.ListField(child=serializers.CharField())


def _organisation(request: Request, organisation_id: int) -> Organisation:
    organisation = selectors.get_training_organisation(user=request.user, pk=organisation_id)
    if not selectors.can_manage_training(user=request.user, organisation_id=organisation.pk):
        raise PermissionDenied("An organisation's training records are kept by its consultants and leaders.")
    return organisation


@extend_schema(tags=GAPS_TAG)
class TrainingGapsApi(APIView):
    @extend_schema(responses={200: RequirementGapsOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List who is missing or out of date on each mandatory requirement",
                   description="Current people only (leavers are left out). Consultants and leaders.")
    def get(self, request: Request, organisation_id: int) -> Response:
        organisation = _organisation(request, organisation_id)
        rows = selectors.training_gaps(user=request.user, organisation=organisation)
        return Response(RequirementGapsOutputSerializer(rows, many=True).data)


@extend_schema(tags=GAPS_TAG)
class TrainingGapActionsApi(APIView):
    @extend_schema(request=GapActionsInputSerializer,
                   responses={200: GapActionsOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Add the gaps as suggested actions to a case's response plan",
                   description="Consultants of the organisation. One action per requirement with gaps, due in 30 "
                   "days, no owner; a requirement already in the plan (an open action) is not added again.")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = _organisation(request, organisation_id)
        if not services.can_add_gap_actions(user=request.user, organisation=organisation):
            raise PermissionDenied("Only the organisation's consultants add actions to a case's plan.")
        cases = response_selectors.policy_action_cases(user=request.user, organisation=organisation)
        serializer = GapActionsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = cases.filter(reference=serializer.validated_data["case"]).first()
        if case is None:
            raise Http404("No such case.")
        if case.stage != Stage.RESPONSE:
            raise serializers.ValidationError({"case": [f"Case {case.reference} is not in the Response stage."]})
        result = services.gaps_to_actions(actor=request.user, case=case)
        return Response({"created": [{"id": a.pk, "title": a.title} for a in result["created"]],
                         "already_in_plan": result["already"]}, status=status.HTTP_200_OK)
