"""Memberships, assignments, cases and chronology: the writes behind every page and endpoint."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crisis import selectors, services
from crisis.models import AuditEvent, Case, ChronologyEntry, Membership
from tests.factories import ConsultantFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def test_case_references_are_sequential_per_year_and_unique(world):
    first = services.case_create(
        actor=world.alice, organisation=world.org_a, title="One", opened_on=dt.date(2025, 3, 1)
    )
    second = services.case_create(
        actor=world.alice, organisation=world.org_a, title="Two", opened_on=dt.date(2025, 4, 1)
    )
    assert (first.reference, second.reference) == ("SAF-2025-0001", "SAF-2025-0002")
    assert world.case_a.reference.startswith(f"SAF-{timezone.localdate().year}-")


def test_opening_a_case_writes_the_first_chronology_entry_and_audit(world):
    case = services.case_create(
        actor=world.alice, organisation=world.org_a, title="Online safety breach", summary="Filtering failed."
    )
    entry = ChronologyEntry.objects.get(case=case)
    assert entry.title == "Case opened"
    assert entry.details == "Filtering failed."
    assert entry.organisation == world.org_a
    assert AuditEvent.objects.filter(case=case, verb="case.created", actor=world.alice).exists()
    assert case.lead_consultant == world.alice
    assert list(case.consultants.all()) == [world.alice]


def test_a_consultant_cannot_open_a_case_for_an_organisation_they_are_not_assigned_to(world):
    with pytest.raises(PermissionDenied):
        services.case_create(actor=world.alice, organisation=world.org_b, title="Not mine")
    assert not Case.objects.filter(title="Not mine").exists()


def test_a_case_team_may_only_hold_consultants_assigned_to_the_organisation(world):
    with pytest.raises(ValidationError, match="Not assigned to Oakfield Academy: Bob Brown"):
        services.case_create(actor=world.alice, organisation=world.org_a, title="Team", consultants=[world.bob])
    assert not Case.objects.filter(title="Team").exists()


def test_naming_a_consultant_on_a_restricted_case_shows_it_to_them(world):
    assert world.restricted_a not in selectors.cases_for(world.carol)
    services.case_update(actor=world.alice, case=world.restricted_a, consultants=[world.alice, world.carol])
    assert world.restricted_a in selectors.cases_for(world.carol)

    services.case_update(actor=world.alice, case=world.restricted_a, consultants=[world.alice])
    assert world.restricted_a not in selectors.cases_for(world.carol)
    event = AuditEvent.objects.filter(case=world.restricted_a, verb="case.updated").first()
    assert event.summary["consultants"] == {"from": ["Alice Adams", "Carol Clarke"], "to": ["Alice Adams"]}


def test_case_update_refuses_fields_that_move_through_their_own_services(world):
    with pytest.raises(ValidationError, match="cannot be changed here: stage"):
        services.case_update(actor=world.alice, case=world.case_a, stage="closed")


def test_who_sees_which_case(world):
    assert set(selectors.cases_for(world.alice)) == {world.case_a, world.restricted_a}
    assert set(selectors.cases_for(world.carol)) == {world.case_a}
    assert set(selectors.cases_for(world.leader_a)) == {world.case_a, world.restricted_a}
    assert set(selectors.cases_for(world.unnamed_leader_a)) == {world.case_a}
    assert set(selectors.cases_for(world.staff_a)) == {world.case_a}
    assert set(selectors.cases_for(world.bob)) == {world.case_b, world.restricted_b}
    assert set(selectors.cases_for(world.leader_b)) == {world.case_b, world.restricted_b}
    assert selectors.cases_for(world.admin).count() == 4
    outsider = UserFactory()
    assert not selectors.cases_for(outsider).exists()
    assert not selectors.organisations_for(outsider).exists()


def test_an_inactive_user_sees_nothing(world):
    world.alice.is_active = False
    world.alice.save(update_fields=["is_active"])
    assert not selectors.cases_for(world.alice).exists()


def test_removing_an_assignment_revokes_access(world):
    assignment = world.alice.assignments.get(organisation=world.org_a)
    services.assignment_delete(actor=world.admin, assignment=assignment)

    assert not selectors.cases_for(world.alice).exists()
    assert not selectors.organisations_for(world.alice).exists()
    assert not world.restricted_a.consultants.filter(pk=world.alice.pk).exists()
    assert AuditEvent.objects.filter(verb="assignment.deleted", organisation=world.org_a).exists()


def test_changing_a_role_changes_what_the_member_sees(world):
    membership = Membership.objects.get(user=world.staff_a, organisation=world.org_a)
    services.membership_change_role(actor=world.admin, membership=membership, role=Membership.Role.LEADER)
    # A new leader sees the unrestricted cases; a restricted one only once named on it.
    assert set(selectors.cases_for(world.staff_a)) == {world.case_a}
    services.case_update(actor=world.alice, case=world.restricted_a, leaders=[world.leader_a, world.staff_a])
    assert world.restricted_a in selectors.cases_for(world.staff_a)

    # Back to staff: the name on the restricted case goes with the leader role.
    services.membership_change_role(actor=world.admin, membership=membership, role=Membership.Role.STAFF)
    assert world.restricted_a not in selectors.cases_for(world.staff_a)
    assert list(world.restricted_a.leaders.all()) == [world.leader_a]
    assert AuditEvent.objects.filter(case=world.restricted_a, verb="case.leader_unnamed", actor=world.admin,
                                     summary__email=world.staff_a.email).exists()
    assert world.case_a in selectors.cases_for(world.staff_a)

    services.membership_delete(actor=world.admin, membership=membership)
    assert not selectors.cases_for(world.staff_a).exists()


def test_removing_a_leader_from_the_organisation_unnames_them(world):
    membership = Membership.objects.get(user=world.leader_a, organisation=world.org_a)
    services.membership_delete(actor=world.admin, membership=membership)
    assert not world.restricted_a.leaders.exists()
    # Made a member again, as staff, they do not see the restricted case through an old name.
    services.membership_create(actor=world.admin, user=world.leader_a, organisation=world.org_a,
                               role=Membership.Role.STAFF)
    assert set(selectors.cases_for(world.leader_a)) == {world.case_a}


def test_naming_and_unnaming_a_leader_shows_and_hides_the_restricted_case_and_is_audited(world):
    dora = world.unnamed_leader_a
    assert world.restricted_a not in selectors.cases_for(dora)
    events = AuditEvent.objects.filter(case=world.restricted_a, summary__email=dora.email)

    services.case_update(actor=world.alice, case=world.restricted_a, leaders=[world.leader_a, dora])
    assert world.restricted_a in selectors.cases_for(dora)
    named = events.get(verb="case.leader_named")
    assert (named.actor, named.organisation) == (world.alice, world.org_a)
    assert named.summary == {"leader": "Dora Dawson", "email": dora.email, "restricted": True}

    services.case_update(actor=world.alice, case=world.restricted_a, leaders=[world.leader_a])
    assert world.restricted_a not in selectors.cases_for(dora)
    assert world.restricted_a in selectors.cases_for(world.leader_a)
    unnamed = events.get(verb="case.leader_unnamed")
    assert unnamed.summary["leader"] == "Dora Dawson"

    # Saving the same names again changes nothing and audits nothing.
    services.case_update(actor=world.alice, case=world.restricted_a, leaders=[world.leader_a])
    assert AuditEvent.objects.filter(case=world.restricted_a, verb__startswith="case.leader_").count() == 3


def test_opening_a_restricted_case_names_its_leaders_and_audits_each(world):
    case = services.case_create(actor=world.alice, organisation=world.org_a, title="Concern about the head",
                                restricted=True, leaders=[world.unnamed_leader_a])
    assert set(selectors.cases_for(world.unnamed_leader_a)) >= {case}
    assert case not in selectors.cases_for(world.leader_a)
    assert list(AuditEvent.objects.filter(case=case, verb="case.leader_named")
                .values_list("summary__leader", flat=True)) == ["Dora Dawson"]


@pytest.mark.parametrize("who", ["staff_a", "leader_b", "carol"])
def test_only_leaders_of_the_organisation_may_be_named_and_nothing_is_written_otherwise(world, who):
    person = getattr(world, who)
    last_event = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    with pytest.raises(ValidationError, match=f"Not a leader of Oakfield Academy: {person}"):
        services.case_update(actor=world.alice, case=world.restricted_a, title="Renamed",
                             leaders=[world.leader_a, person])
    world.restricted_a.refresh_from_db()
    assert world.restricted_a.title == "Concern about the DSL"
    assert list(world.restricted_a.leaders.all()) == [world.leader_a]
    assert world.restricted_a not in selectors.cases_for(person)
    assert not AuditEvent.objects.filter(id__gt=last_event).exists()
    with pytest.raises(ValidationError, match="Not a leader of Oakfield Academy"):
        services.case_create(actor=world.alice, organisation=world.org_a, title="Not opened", restricted=True,
                             leaders=[person])
    assert not Case.objects.filter(title="Not opened").exists()


def test_only_a_consultant_who_manages_the_case_names_its_leaders(world):
    for actor in (world.carol, world.leader_a):  # not named on the case; a leader reads, never changes
        with pytest.raises(PermissionDenied):
            services.case_update(actor=actor, case=world.restricted_a, leaders=[world.leader_a,
                                                                                 world.unnamed_leader_a])
    assert list(world.restricted_a.leaders.all()) == [world.leader_a]


def test_memberships_are_for_client_users_and_made_by_admins(world):
    other = OrganisationFactory()
    with pytest.raises(ValidationError, match="assigned to organisations"):
        services.membership_create(actor=world.admin, user=world.alice, organisation=other, role="leader")
    with pytest.raises(PermissionDenied):
        services.membership_create(actor=world.alice, user=UserFactory(), organisation=other, role="leader")
    with pytest.raises(ValidationError, match="already a member"):
        services.membership_create(actor=world.admin, user=world.leader_a, organisation=world.org_a, role="staff")
    with pytest.raises(ValidationError, match="Unknown role"):
        services.membership_create(actor=world.admin, user=UserFactory(), organisation=other, role="owner")
    with pytest.raises(ValidationError, match="is not a consultant"):
        services.assignment_create(actor=world.admin, consultant=world.leader_a, organisation=other)


def test_a_new_consultant_sees_nothing_until_assigned(world):
    dan = ConsultantFactory()
    assert not selectors.cases_for(dan).exists()
    services.assignment_create(actor=world.admin, consultant=dan, organisation=world.org_b)
    assert set(selectors.cases_for(dan)) == {world.case_b}


def test_a_decision_without_a_reason_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.chronology_entry_create(
            actor=world.alice, case=world.case_a, title="Suspend the teacher", kind="decision",
            decision="Suspend pending investigation.",
        )
    assert exc.value.message_dict == {"rationale": ["A decision must record the reasons for it."]}
    assert not ChronologyEntry.objects.filter(title="Suspend the teacher").exists()


def test_a_chronology_entry_cannot_be_dated_in_the_future(world):
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.chronology_entry_create(
            actor=world.alice, case=world.case_a, title="Later", occurred_at=timezone.now() + dt.timedelta(days=1)
        )


def test_client_users_see_only_shared_chronology_entries(world):
    services.chronology_entry_create(actor=world.alice, case=world.case_a, title="Private note")
    services.chronology_entry_create(
        actor=world.alice, case=world.case_a, title="Shared update", shared_with_organisation=True
    )
    leader_titles = {e.title for e in selectors.case_chronology(user=world.leader_a, case=world.case_a)}
    consultant_titles = {e.title for e in selectors.case_chronology(user=world.alice, case=world.case_a)}
    assert "Shared update" in leader_titles and "Private note" not in leader_titles
    assert {"Shared update", "Private note"} <= consultant_titles
    assert "Private note" not in {e.title for e in selectors.chronology_for(world.leader_a)}
    assert "Private note" in {e.title for e in selectors.chronology_for(world.alice)}
    assert not any(e.case_id == world.case_a.pk for e in selectors.chronology_for(world.leader_b))


def test_deadlines_show_the_next_thing_due_and_completion_enters_the_chronology(world):
    today = timezone.localdate()
    services.deadline_create(
        actor=world.alice, case=world.case_a, title="Next case review", due_on=today + dt.timedelta(7)
    )
    lado = services.deadline_create(
        actor=world.alice, case=world.case_a, title="Refer to the LADO", due_on=today - dt.timedelta(1), statutory=True
    )
    row = selectors.case_list(user=world.alice).get(pk=world.case_a.pk)
    assert (row.next_due_title, row.next_due_on) == ("Refer to the LADO", lado.due_on)
    assert lado.is_overdue

    services.deadline_complete(actor=world.alice, deadline=lado)
    row = selectors.case_list(user=world.alice).get(pk=world.case_a.pk)
    assert row.next_due_title == "Next case review"
    assert ChronologyEntry.objects.filter(case=world.case_a, title="Done: Refer to the LADO", significant=True).exists()
    with pytest.raises(ValidationError, match="already marked"):
        services.deadline_complete(actor=world.alice, deadline=lado)
