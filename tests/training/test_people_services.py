"""The staff list, roles and requirements services: who may write, the leaver rule, linking to an
account, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crisis.models import AuditEvent
from training import services
from training.models import CourseKind, Person, StaffRole

pytestmark = pytest.mark.django_db


def _role(world, key="dsl", org=None):
    return StaffRole.objects.get(organisation=org or world.org_a, key=key)


def test_a_leader_adds_a_person_with_roles_and_it_is_audited(world):
    person = services.person_create(actor=world.leader_a, organisation=world.org_a, full_name=" Pat Jones ",
                                    email="Pat@School.example", roles=[_role(world)], department="Science",
                                    start_date=dt.date(2020, 9, 1))
    assert person.full_name == "Pat Jones" and person.email == "pat@school.example"
    assert list(person.roles.values_list("key", flat=True)) == ["dsl"]
    event = AuditEvent.objects.get(verb="training.person.created")
    assert event.organisation == world.org_a and event.actor == world.leader_a and event.object_id == str(person.pk)


def test_staff_and_outsiders_may_not_add_people(world):
    for actor in (world.staff_a, world.bob, world.leader_b):
        with pytest.raises(PermissionDenied):
            services.person_create(actor=actor, organisation=world.org_a, full_name="Pat Jones")
    assert not Person.objects.exists()


def test_a_leaver_date_before_the_start_date_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat Jones",
                               start_date=dt.date(2024, 9, 1), leaver_date=dt.date(2024, 8, 31))
    assert "before the start date" in str(error.value.message_dict["leaver_date"])
    person = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat Jones",
                                    start_date=dt.date(2024, 9, 1))
    with pytest.raises(ValidationError):
        services.person_update(actor=world.alice, person=person, leaver_date=dt.date(2023, 1, 1))
    person.refresh_from_db()
    assert person.leaver_date is None


def test_the_email_of_a_member_links_the_account_and_nobody_elses(world):
    member = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Sam Staff",
                                    email="STAFF.A@example.test")
    assert member.user == world.staff_a
    # leader_b is not a member of A: the email is kept, no account is linked.
    outsider = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Someone",
                                      email=world.leader_b.email)
    assert outsider.user is None


def test_an_email_change_links_and_a_leader_may_choose_a_member(world):
    person = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Lena Leader")
    services.person_update(actor=world.alice, person=person, email=world.leader_a.email)
    person.refresh_from_db()
    assert person.user == world.leader_a
    services.person_link_user(actor=world.leader_a, person=person, user=None)
    person.refresh_from_db()
    assert person.user is None
    services.person_link_user(actor=world.leader_a, person=person, user=world.staff_a)
    person.refresh_from_db()
    assert person.user == world.staff_a
    with pytest.raises(ValidationError):
        services.person_link_user(actor=world.leader_a, person=person, user=world.staff_b)
    assert AuditEvent.objects.filter(verb__startswith="training.person.").count() == 4


def test_one_entry_per_email(world):
    services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat", email="pat@x.example")
    with pytest.raises(ValidationError) as error:
        services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat 2", email="PAT@x.example")
    assert "already on the staff list" in str(error.value)
    # Another organisation may have the same email.
    services.person_create(actor=world.bob, organisation=world.org_b, full_name="Pat", email="pat@x.example")


def test_a_role_of_another_organisation_cannot_be_given(world):
    with pytest.raises(ValidationError):
        services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat",
                               roles=[StaffRole.objects.filter(organisation=world.org_b).first()])


def test_roles_are_added_and_renamed_with_their_key_kept(world):
    role = services.role_create(actor=world.leader_a, organisation=world.org_a, name="Caretaker")
    assert role.key == "caretaker"
    with pytest.raises(ValidationError):
        services.role_create(actor=world.leader_a, organisation=world.org_a, name="caretaker")
    services.role_rename(actor=world.alice, role=role, name="Site manager")
    role.refresh_from_db()
    assert (role.key, role.name) == ("caretaker", "Site manager")
    assert AuditEvent.objects.filter(verb__in=["training.role.created", "training.role.renamed"]).count() == 2
    with pytest.raises(PermissionDenied):
        services.role_create(actor=world.staff_a, organisation=world.org_a, name="Cook")


def test_a_custom_requirement_gets_its_key_from_the_title_and_edits_are_audited(world):
    caretaker = services.role_create(actor=world.alice, organisation=world.org_a, name="Caretaker")
    requirement = services.requirement_create(
        actor=world.leader_a, organisation=world.org_a, title="Site safety and safeguarding",
        course_kind=CourseKind.OTHER, roles=[caretaker], renewal_months=24, source="Our own policy.")
    assert requirement.key == "site_safety_and_safeguarding"
    assert list(requirement.roles.all()) == [caretaker]
    services.requirement_update(actor=world.alice, requirement=requirement, everyone=True, mandatory=False)
    requirement.refresh_from_db()
    assert requirement.everyone and not requirement.mandatory and not requirement.roles.exists()
    event = AuditEvent.objects.filter(verb="training.requirement.updated").get()
    assert set(event.summary["changed"]) >= {"everyone", "mandatory", "roles"}


def test_a_requirement_needs_roles_or_everyone_and_one_way_of_renewing(world):
    requirement = services.requirement_create(actor=world.alice, organisation=world.org_a, title="Read the policy",
                                              course_kind=CourseKind.OTHER, everyone=True)
    with pytest.raises(ValidationError) as error:
        services.requirement_update(actor=world.alice, requirement=requirement, everyone=False, roles=[])
    assert "roles" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.requirement_update(actor=world.alice, requirement=requirement, renewal_months=12,
                                    renew_each_september=True)
    assert "renewal_months" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.requirement_update(actor=world.bob, requirement=requirement, title="Hijacked")
