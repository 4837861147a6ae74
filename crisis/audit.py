"""The one audit writer. Services call `audit_record` for every write; views for every view."""

from __future__ import annotations

import contextvars
from typing import Any

from django.conf import settings
from django.db import models

from .models import AuditEvent, Case, Organisation

_request_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("safehold_request_ip", default=None)


def client_ip(request) -> str | None:
    if getattr(settings, "TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Remembers the client's IP for the audit events written while this request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _request_ip.reset(token)


def audit_record(
    *,
    actor,
    verb: str,
    obj: models.Model | None = None,
    organisation: Organisation | None = None,
    case: Case | None = None,
    summary: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. Organisation and case are taken from the object when it has them."""
    if case is None and isinstance(obj, Case):
        case = obj
    if case is None and obj is not None and getattr(obj, "case_id", None):
        case = obj.case
    if organisation is None:
        if isinstance(obj, Organisation):
            organisation = obj
        elif case is not None:
            organisation = case.organisation
        elif obj is not None and getattr(obj, "organisation_id", None):
            organisation = obj.organisation
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        organisation=organisation,
        case=case,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        summary=summary or {},
        ip_address=_request_ip.get(),
    )
