"""The gaps page: per mandatory requirement, who is missing or out of date, and the button that
turns the gaps into suggested actions on a case's response plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from crisis.models import Stage
from response import selectors as response_selectors

from .. import selectors, services
from .base import training_organisation


def _action_cases(request: HttpRequest, organisation):
    """The organisation's open cases in the Response stage whose plan the user may add to."""
    return response_selectors.policy_action_cases(user=request.user, organisation=organisation).filter(
        stage=Stage.RESPONSE)


@login_required
@require_GET
def gaps(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    rows = selectors.training_gaps(user=request.user, organisation=organisation)
    return render(request, "training/gaps.html", {
        "organisation": organisation, "rows": rows, "cases": list(_action_cases(request, organisation)),
        "total": sum(row.count for row in rows),
    })


@login_required
@require_POST
def gaps_actions(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Add one suggested action per requirement with gaps to the chosen case's plan."""
    organisation = training_organisation(request, organisation_id)
    if not services.can_add_gap_actions(user=request.user, organisation=organisation):
        raise PermissionDenied("Only the organisation's consultants add actions to a case's plan.")
    cases = _action_cases(request, organisation)
    case = cases.filter(reference=request.POST.get("case", "")).first()
    if case is None:
        messages.error(request, "Choose one of the organisation's cases in the Response stage.")
        return redirect("training:gaps", organisation.pk)
    try:
        result = services.gaps_to_actions(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("training:gaps", organisation.pk)
    created, already = result["created"], result["already"]
    if created:
        messages.success(request, f"{len(created)} action{'' if len(created) == 1 else 's'} added to the plan of "
                                  f"{case.reference}.")
    if already:
        messages.info(request, f"Already in the plan of {case.reference}: {'; '.join(already)}.")
    if not created and not already:
        messages.info(request, "No gaps: nothing to add.")
    return redirect("training:gaps", organisation.pk)
