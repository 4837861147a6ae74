"""What every training page does first: find the organisation, and say who may read and write.

An organisation the user does not see is a 404; one they see but whose training they do not keep
(staff) is a 403 on its training pages. One object (a person, a session, a record) is looked up
through its own selector, which answers 404 to whoever may not read it, staff included.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from crisis.models import Organisation

from .. import selectors

PAGE_SIZE = 50


def training_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    """The organisation, if the user keeps its training: 404 when not theirs, 403 for staff."""
    organisation = selectors.get_training_organisation(user=request.user, pk=organisation_id)
    if not selectors.can_manage_training(user=request.user, organisation_id=organisation.pk):
        raise PermissionDenied("An organisation's training records are kept by its consultants and leaders; "
                               "your own training is under “My training”.")
    return organisation
