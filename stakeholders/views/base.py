"""What every engagement page does first: find the case, and say who may read and who may write.

A case of another organisation is a 404 (the case selector); a case the user sees but whose
engagement they do not read (staff) is a 403. One object of the engagement is looked up through
its own selector, which answers 404 to staff as to strangers.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from crisis import access
from crisis import selectors as crisis_selectors
from crisis.models import Case

from .. import selectors
from ..models import Stakeholder

PAGE_SIZE = 50


def engagement_case(request: HttpRequest, reference: str) -> Case:
    """The case, if the user reads its engagement: 404 for a case not theirs, 403 for staff."""
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    if not selectors.can_view_engagement(user=request.user, case=case):
        raise PermissionDenied("The engagement with stakeholders is for the case's consultants and the "
                               "organisation's leaders.")
    return case


def can_manage(request: HttpRequest, case: Case) -> bool:
    return access.can_manage_case(user=request.user, case=case)


def require_manager(request: HttpRequest, case: Case) -> None:
    """Checked before a form is read, so a leader gets 403 rather than a form error."""
    if not can_manage(request, case):
        raise PermissionDenied("Only the consultants assigned to this organisation can do this.")


def can_see_mediation_notes(request: HttpRequest, case: Case) -> bool:
    """Whether the mediation notes column is shown; its content is always `visible_mediation_notes`."""
    return access.can_view_confidential(user=request.user, organisation_id=case.organisation_id)


def stakeholder_choices(request: HttpRequest, case: Case, *, receiving: bool = False) -> QuerySet[Stakeholder]:
    """The case's stakeholders for checkboxes and filters (one query, no annotations)."""
    qs = selectors.stakeholders_for(request.user).filter(organisation_id=case.organisation_id, case=case)
    if receiving:
        qs = qs.filter(receives_reports=True)
    return qs.order_by("kind", "name", "id")


def refused(request: HttpRequest, error: ValidationError) -> None:
    """A button's action was refused: say why on the page that is shown again."""
    for message in error.messages:
        messages.error(request, message)


def names(items) -> str:
    """"Ofsted", "Ofsted and the LADO", "Ofsted, the LADO and parents"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
