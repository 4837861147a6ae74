"""Shared fixtures. The `world` fixture is the cast every tenancy test uses:

Alice consults for Oakfield Academy (organisation A); Bob consults for Riverside Swimming Club
(organisation B). Each organisation has a leader and a staff member, an open case and a
restricted case that names its leader. Charlie is a leader at B and "should have no access to A's
stuff". Dora is A's designated safeguarding lead, a leader too, whom A's restricted case ("Concern
about the DSL") leaves out.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from assessment import services as assessment_services
from crisis import services
from crisis.models import Case, Membership, Organisation, User
from response import services as response_services

from .dbshare import once_per_module
from .factories import AdminFactory, ConsultantFactory, OrganisationFactory, UserFactory

PASSWORD = "correct-horse-battery"  # the factories' password


@dataclass
class World:
    admin: User
    org_a: Organisation
    org_b: Organisation
    alice: User  # consultant assigned to A
    bob: User  # consultant assigned to B
    carol: User  # consultant assigned to A but not named on A's restricted case
    leader_a: User  # named on A's restricted case
    staff_a: User
    leader_b: User
    staff_b: User
    case_a: Case
    restricted_a: Case
    case_b: Case
    restricted_b: Case
    unnamed_leader_a: User  # a leader of A not named on A's restricted case


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    with once_per_module(django_db_blocker, tmp_path_factory, build_world) as shared:
        yield shared


@pytest.fixture
def shared_world(_world_once, private_storage_per_test) -> World:
    """The same cast, built once for the whole module instead of once per test (tests/dbshare.py);
    each test's writes are still rolled back after it. For modules in which every test uses the
    world and none commits (no `transaction=True`): they opt in with

        @pytest.fixture
        def world(shared_world):
            return shared_world
    """
    return _world_once.for_this_test()


def build_world() -> World:
    """The cast, written to the database; for fixtures that build it once per module (tests/dbshare.py)."""
    admin = AdminFactory(email="admin@example.test", full_name="Ada Admin")
    org_a = OrganisationFactory(name="Oakfield Academy", kind=Organisation.Kind.SCHOOL, ofsted_urn="140001")
    org_b = OrganisationFactory(name="Riverside Swimming Club", kind=Organisation.Kind.SPORTS_CLUB)
    alice = ConsultantFactory(email="alice@example.test", full_name="Alice Adams")
    bob = ConsultantFactory(email="bob@example.test", full_name="Bob Brown")
    carol = ConsultantFactory(email="carol@example.test", full_name="Carol Clarke")
    leader_a = UserFactory(email="leader.a@example.test", full_name="Lena Leader")
    staff_a = UserFactory(email="staff.a@example.test", full_name="Sam Staff")
    leader_b = UserFactory(email="charlie@example.test", full_name="Charlie Chair")
    staff_b = UserFactory(email="staff.b@example.test", full_name="Sid Swimmer")
    unnamed_leader_a = UserFactory(email="dsl.a@example.test", full_name="Dora Dawson")
    services.assignment_create(actor=admin, consultant=alice, organisation=org_a)
    services.assignment_create(actor=admin, consultant=carol, organisation=org_a)
    services.assignment_create(actor=admin, consultant=bob, organisation=org_b)
    services.membership_create(actor=admin, user=leader_a, organisation=org_a, role=Membership.Role.LEADER,
                               job_title="Head teacher")
    services.membership_create(actor=admin, user=staff_a, organisation=org_a, role=Membership.Role.STAFF)
    services.membership_create(actor=admin, user=unnamed_leader_a, organisation=org_a, role=Membership.Role.LEADER,
                               job_title="Designated safeguarding lead")
    services.membership_create(actor=admin, user=leader_b, organisation=org_b, role=Membership.Role.LEADER,
                               job_title="Chair of trustees")
    services.membership_create(actor=admin, user=staff_b, organisation=org_b, role=Membership.Role.STAFF)
    case_a = services.case_create(actor=alice, organisation=org_a, title="Allegation against a teacher",
                                  summary="A parent reported concerns about a member of staff.")
    restricted_a = services.case_create(actor=alice, organisation=org_a, title="Concern about the DSL",
                                        restricted=True, leaders=[leader_a])
    case_b = services.case_create(actor=bob, organisation=org_b, title="Coach conduct complaint")
    restricted_b = services.case_create(actor=bob, organisation=org_b, title="Board member concern",
                                        restricted=True, leaders=[leader_b])
    return World(admin, org_a, org_b, alice, bob, carol, leader_a, staff_a, leader_b, staff_b,
                 case_a, restricted_a, case_b, restricted_b, unnamed_leader_a)


@pytest.fixture
def login():
    """login(user) -> a test Client signed in as that user."""

    def _login(user: User) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login


def complete_assessment(case: Case, actor: User) -> None:
    """Meet the gate out of Assessment: every category considered, the assessment signed off."""
    from assessment.models import RiskCategory

    for category in RiskCategory:
        assessment_services.category_mark_no_risk(
            actor=actor, case=case, category=category, reason="Assessed with the leadership team."
        )
    assessment_services.assessment_sign_off(actor=actor, case=case, summary="All six categories assessed.")


@pytest.fixture
def assessed(world):
    """Organisation A's open case with its assessment complete, ready to move to Engagement."""
    complete_assessment(world.case_a, world.alice)
    return world


def complete_response(case: Case, actor: User) -> None:
    """Meet the gate out of Response: every critical or high risk actioned, the plan's actions done."""
    import datetime as dt

    from django.utils import timezone

    from assessment.models import Risk
    from assessment.risk_matrix import Band

    untreated = Risk.objects.filter(case=case, band__in=[Band.CRITICAL, Band.HIGH], actions__isnull=True)
    action = response_services.action_create(
        actor=actor, case=case, title="Carry out the response plan", owner=actor,
        due_on=timezone.localdate() + dt.timedelta(days=7), risks=list(untreated),
    )
    response_services.action_mark_done(actor=actor, action=action, completion_notes="Done and evidenced.")


@pytest.fixture
def ready_to_close(assessed):
    """Organisation A's open case with its assessment and its response plan complete."""
    complete_response(assessed.case_a, assessed.alice)
    return assessed


@pytest.fixture(autouse=True)
def private_storage_per_test(settings, tmp_path):
    """Each test stores evidence, documents and reports in its own folder, so "nothing stored"
    is checked exactly and parallel runs never see each other's files. Data built once per module
    (tests/dbshare.py) has its files copied into this folder when a test asks for it."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def approve_exit_override(case: Case, requester: User, approver: User, reason: str = "Agreed at the exit meeting."):
    """Let a case in Recovery close although exit criteria are unmet: one consultant asks, a second
    approves (the four-eyes override of the exit gate)."""
    from training import services as training_services

    override = training_services.exit_override_request(actor=requester, case=case, reason=reason)
    return training_services.exit_override_decide(actor=approver, override=override, approve=True, reason=reason)
