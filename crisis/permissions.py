"""Roles and the django-guardian permissions they carry: the one place that says who may do what.

A role is granted on an Organisation. Membership and assignment services grant and revoke these
permissions; selectors read them through the direct foreign-key permission tables.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission

# Codenames of the Organisation permissions (declared in Organisation.Meta.permissions).
VIEW_ORGANISATION = "view_organisation"
VIEW_CASES = "view_org_cases"
MANAGE_CASES = "manage_org_cases"
VIEW_CONFIDENTIAL = "view_confidential"
VIEW_RISK_REGISTER = "view_risk_register"
COMMENT_ON_RISKS = "comment_on_risks"
MANAGE_POLICIES = "manage_policies"

# Codename of the Case permission held by each consultant and leader named on a case: on a restricted
# case, the only people who see it (an organisation permission never opens a restricted case).
VIEW_CASE = "view_case"

CONSULTANT = "consultant"
LEADER = "leader"
STAFF = "staff"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # A consultant assigned to the organisation: every case tool, consultant-only notes.
    CONSULTANT: frozenset(
        {VIEW_ORGANISATION, VIEW_CASES, MANAGE_CASES, VIEW_CONFIDENTIAL, VIEW_RISK_REGISTER, COMMENT_ON_RISKS,
         MANAGE_POLICIES}
    ),
    # Head teacher, DSL, trust CEO, chair of governors: the unrestricted cases of their organisation
    # (restricted ones only where named), read-only; the whole risk register, with comments.
    # They keep their own policy register.
    LEADER: frozenset({VIEW_ORGANISATION, VIEW_CASES, VIEW_RISK_REGISTER, COMMENT_ON_RISKS, MANAGE_POLICIES}),
    # Staff: their organisation and its unrestricted cases, read-only; the risks they own.
    STAFF: frozenset({VIEW_ORGANISATION, VIEW_CASES}),
}

ALL_ORGANISATION_PERMISSIONS = frozenset().union(*ROLE_PERMISSIONS.values())


def organisation_permission_objects(codenames: frozenset[str]) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="crisis", content_type__model="organisation").filter(
            codename__in=codenames
        )
    )
