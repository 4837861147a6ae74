"""The demo data loads through the services, twice without change, and tells the tenancy story."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from crisis import selectors
from crisis.models import (
    Assignment,
    AuditEvent,
    Case,
    ChronologyEntry,
    Deadline,
    Membership,
    Organisation,
    Stage,
    StageChange,
    User,
)
from crisis.permissions import VIEW_CASES

pytestmark = pytest.mark.django_db

MODELS = (User, Organisation, Membership, Assignment, Case, ChronologyEntry, StageChange, Deadline, AuditEvent)


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def seeded() -> str:
    return _seed()


def test_it_creates_nothing_on_a_second_run(seeded):
    before = _counts()

    output = _seed()

    assert _counts() == before
    assert "nothing created" in output


def test_it_prints_the_logins_and_the_password(seeded):
    assert "safehold-demo" in seeded
    assert "admin@safehold.test" in seeded
    assert "tom.reed@safehold.test" in seeded


def test_demo_logins_use_the_demo_password(seeded):
    admin = User.objects.get(email="admin@safehold.test")
    priya = User.objects.get(email="priya.shah@safehold.test")

    assert admin.is_superuser and admin.is_consultancy_admin
    assert priya.consultancy_role == User.ConsultancyRole.CONSULTANT
    assert priya.check_password("safehold-demo")


def test_cases_stand_in_response_assessment_and_closed(seeded):
    assert Organisation.objects.count() >= 3
    stages = set(Case.objects.values_list("stage", flat=True))
    assert {Stage.RESPONSE, Stage.ASSESSMENT, Stage.CLOSED} <= stages

    closed = Case.objects.get(stage=Stage.CLOSED)
    moves = list(closed.stage_changes.order_by("id").values_list("to_stage", flat=True))
    assert moves == [Stage.ENGAGEMENT, Stage.RESPONSE, Stage.RECOVERY, Stage.CLOSED]
    assert all(change.rationale for change in closed.stage_changes.all())
    assert closed.closed_on is not None


def test_open_cases_have_a_full_chronology_and_deadlines(seeded):
    today = timezone.localdate()
    for case in Case.objects.exclude(stage=Stage.CLOSED):
        written = case.chronology.filter(automatic=False)
        assert 6 <= written.count() <= 12, case.title
        assert written.filter(shared_with_organisation=True).exists()
        assert written.filter(shared_with_organisation=False).exists()
        for entry in written:
            assert timezone.localtime(entry.occurred_at).date() >= case.opened_on
            assert entry.occurred_at <= timezone.now()
            if entry.kind == ChronologyEntry.Kind.DECISION:
                assert entry.rationale.strip()
        assert case.opened_on < today
        assert case.deadlines.exists()

    lado = Deadline.objects.get(case__organisation__name="Oakfield Secondary Academy",
                                title="Refer allegation to the LADO")
    assert lado.statutory and lado.completed_on is not None
    assert any(deadline.is_overdue for deadline in Deadline.objects.all())
    assert Deadline.objects.filter(completed_on__isnull=True, due_on__gt=today).exists()


def test_tom_cannot_see_the_sports_clubs_case(seeded):
    tom = User.objects.get(email="tom.reed@safehold.test")
    priya = User.objects.get(email="priya.shah@safehold.test")
    club = Organisation.objects.get(kind=Organisation.Kind.SPORTS_CLUB)
    club_case = Case.objects.get(organisation=club)

    assert not Assignment.objects.filter(consultant=tom, organisation=club).exists()
    assert club_case not in selectors.cases_for(tom)
    assert club_case in selectors.cases_for(priya)
    assert Assignment.objects.filter(consultant=priya).count() == Organisation.objects.count()


def test_a_restricted_case_is_seen_by_its_named_consultant_only(seeded):
    tom = User.objects.get(email="tom.reed@safehold.test")
    priya = User.objects.get(email="priya.shah@safehold.test")
    restricted = Case.objects.filter(restricted=True)
    if not restricted.exists():
        pytest.skip("the demo has no restricted case")
    case = restricted.get()
    staff = User.objects.get(memberships__organisation=case.organisation, memberships__role=Membership.Role.STAFF)
    leader = User.objects.filter(
        memberships__organisation=case.organisation, memberships__role=Membership.Role.LEADER
    ).first()

    assert case in selectors.cases_for(priya)
    assert case in selectors.cases_for(leader)
    assert case not in selectors.cases_for(tom)
    assert case not in selectors.cases_for(staff)


def test_every_organisation_has_a_leader_and_a_staff_member(seeded):
    for organisation in Organisation.objects.all():
        roles = set(Membership.objects.filter(organisation=organisation).values_list("role", flat=True))
        assert roles == {Membership.Role.LEADER, Membership.Role.STAFF}, organisation.name
        for membership in Membership.objects.filter(organisation=organisation):
            assert selectors.has_org_permission(
                user=membership.user, organisation_id=organisation.pk, codename=VIEW_CASES
            )


def test_the_school_belongs_to_its_trust(seeded):
    school = Organisation.objects.get(name="Oakfield Secondary Academy")

    assert school.parent.name == "Northgate Academy Trust"
    assert school.ofsted_urn
    assert Case.objects.get(organisation=school).stage == Stage.RESPONSE
