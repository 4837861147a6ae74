"""Reads of a case's protected names: for the case's consultants, and for nobody else."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ..access import can_keep_protected_names
from ..models import Case, ProtectedName

__all__ = ["case_protected_names", "get_case_protected_name_for"]


def case_protected_names(*, user, case: Case) -> QuerySet[ProtectedName]:
    """The protected names of a case the user can already see (the caller passes a scoped case):
    all of them for its consultants, none for anyone else."""
    if not can_keep_protected_names(user=user, case=case):
        return ProtectedName.objects.none()
    return (
        ProtectedName.objects.filter(organisation_id=case.organisation_id, case=case)
        .select_related("created_by")
        .order_by("name", "id")
    )


def get_case_protected_name_for(*, user, case: Case, pk: int) -> ProtectedName:
    """One protected name of the case, for its consultants; Http404 for anyone else and any other id."""
    return get_object_or_404(case_protected_names(user=user, case=case).select_related("case"), pk=pk)
