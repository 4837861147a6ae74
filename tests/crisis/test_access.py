"""The access rules, named once in crisis/access.py: who is a leader, who reads reports, who may
own an item of a case."""

import pytest
from django.core.exceptions import ValidationError
from guardian.shortcuts import assign_perm

from crisis import access, selectors
from crisis import permissions as perms

pytestmark = pytest.mark.django_db


def test_a_leader_is_a_member_with_the_leader_role_of_that_organisation(world):
    org_a = world.org_a.pk
    assert access.is_leader(user=world.leader_a, organisation_id=org_a)
    assert not access.is_leader(user=world.staff_a, organisation_id=org_a)
    assert not access.is_leader(user=world.alice, organisation_id=org_a)  # a consultant, not a leader
    assert not access.is_leader(user=world.leader_b, organisation_id=org_a)  # a leader elsewhere


def test_a_restricted_case_is_seen_by_the_leaders_named_on_it_only(world):
    """Being a leader of the organisation opens its unrestricted cases; a restricted one only when named."""
    assert set(selectors.cases_for(world.leader_a)) == {world.case_a, world.restricted_a}
    assert set(selectors.cases_for(world.unnamed_leader_a)) == {world.case_a}
    assert access.is_case_leader(user=world.leader_a, case=world.restricted_a)
    assert access.is_case_leader(user=world.unnamed_leader_a, case=world.case_a)
    assert not access.is_case_leader(user=world.unnamed_leader_a, case=world.restricted_a)
    assert not access.is_case_leader(user=world.staff_a, case=world.case_a)
    assert not access.is_case_leader(user=world.leader_b, case=world.case_a)
    # Still a leader of the organisation: its reports, policies and people are not under the case.
    assert access.is_leader(user=world.unnamed_leader_a, organisation_id=world.org_a.pk)


def test_an_organisation_permission_never_opens_a_restricted_case(world):
    """Every permission a role carries on the organisation, held at once, still leaves a restricted
    case to the people named on it."""
    for codename in perms.ALL_ORGANISATION_PERMISSIONS:
        assign_perm(f"crisis.{codename}", world.staff_a, world.org_a)
    assert world.restricted_a not in selectors.cases_for(world.staff_a)
    assert not access.can_manage_case(user=world.staff_a, case=world.restricted_a)


def test_reports_are_read_by_consultants_leaders_and_admins_only(world):
    org_a = world.org_a.pk
    for user in (world.alice, world.leader_a, world.admin):
        assert access.can_read_reports(user=user, organisation_id=org_a), user
    for user in (world.staff_a, world.bob, world.leader_b):
        assert not access.can_read_reports(user=user, organisation_id=org_a), user


def test_an_owner_must_be_able_to_see_the_case(world):
    access.check_owner(world.case_a, world.staff_a)
    access.check_owner(world.restricted_a, world.leader_a)
    with pytest.raises(ValidationError, match="neither a member"):
        access.check_owner(world.case_a, world.leader_b)
    with pytest.raises(ValidationError, match="cannot see this restricted case"):
        access.check_owner(world.restricted_a, world.staff_a)
    with pytest.raises(ValidationError, match="Dora Dawson cannot see this restricted case"):
        access.check_owner(world.restricted_a, world.unnamed_leader_a)
    assert set(access.owner_choices(case=world.restricted_a)) == {world.leader_a, world.alice}
    assert world.unnamed_leader_a in access.owner_choices(case=world.case_a)
