"""What every app's API builds on: the 400 answer in the schema, query filters checked like input,
a stable ordering for pages, and the one way an endpoint reaches a case (404 unless the user may see
it, 403 for a change they may not make). Stage apps import from here, never from each other's API."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request

from . import access, selectors
from .models import Case

ERROR_400 = OpenApiResponse(description='Invalid input: {"field": ["message"], "detail": ["message"]}.')


def query_filters(serializer_class, request: Request) -> dict:
    """The query parameters, checked by `serializer_class` (an unknown value is a 400, as for a body)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class StableOrderingFilter(OrderingFilter):
    """The requested ordering with the id as tie-breaker, so pages never overlap."""

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if ordering:
            return queryset.order_by(*ordering, "-id")
        return queryset


class CanChangeCase(BasePermission):
    """Changing a case needs the organisation's manage permission.

    Checked on the object, after the selector has answered 404 for a case the user cannot see,
    so a user of another organisation learns nothing from a 403.
    """

    message = "Only the consultants assigned to this organisation can change its cases."

    def has_object_permission(self, request, view, obj: Case) -> bool:
        return request.method in SAFE_METHODS or access.can_manage_case(user=request.user, case=obj)


class CaseApiMixin:
    """One case by its reference: 404 unless the user may see it, 403 for a change they may not make."""

    permission_classes = [IsAuthenticated, CanChangeCase]

    def get_case(self) -> Case:
        case = selectors.get_case_for(user=self.request.user, reference=self.kwargs["reference"])
        self.check_object_permissions(self.request, case)
        return case
