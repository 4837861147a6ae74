"""Every organisation gets the training requirements shipped for its kind, to edit; a requirement
knows when training completed on a day stops being current."""

import datetime as dt

import pytest

from crisis.models import Organisation
from tests.factories import OrganisationFactory
from training.defaults import load_defaults
from training.models import CourseKind, Requirement, StaffRole

pytestmark = pytest.mark.django_db


def test_a_new_school_gets_the_school_requirements_with_their_sources():
    school = OrganisationFactory(name="Northgate Primary", kind=Organisation.Kind.SCHOOL)
    requirements = {r.key: r for r in Requirement.objects.filter(organisation=school)}
    assert set(requirements) == {"dsl_training", "dsl_update", "safeguarding_induction", "safeguarding_update",
                                 "kcsie_read", "safer_recruitment", "board_safeguarding", "online_safety"}
    dsl = requirements["dsl_training"]
    assert dsl.renewal_months == 24 and dsl.course_kind == CourseKind.DSL
    assert {role.key for role in dsl.roles.all()} == {"dsl", "deputy_dsl"}
    assert "Annex C" in dsl.source and all(r.source for r in requirements.values())
    assert requirements["kcsie_read"].everyone and requirements["kcsie_read"].renew_each_september


@pytest.mark.parametrize(("kind", "key", "role"), [
    (Organisation.Kind.SPORTS_CLUB, "welfare_officer", "welfare_officer"),
    (Organisation.Kind.CHARITY, "trustee_safeguarding", "trustee"),
    (Organisation.Kind.FAITH, "officer_training", "safeguarding_officer"),
])
def test_clubs_charities_and_churches_get_their_own_sets(kind, key, role):
    organisation = OrganisationFactory(kind=kind)
    requirement = Requirement.objects.get(organisation=organisation, key=key)
    assert role in {r.key for r in requirement.roles.all()}
    assert not Requirement.objects.filter(organisation=organisation, key="kcsie_read").exists()


def test_loading_again_adds_nothing_and_never_undoes_an_edit():
    school = OrganisationFactory(kind=Organisation.Kind.SCHOOL)
    Requirement.objects.filter(organisation=school, key="dsl_training").update(renewal_months=12)
    assert load_defaults(school.pk, school.kind, StaffRole=StaffRole, Requirement=Requirement) == 0
    assert Requirement.objects.get(organisation=school, key="dsl_training").renewal_months == 12
    assert StaffRole.objects.filter(organisation=school, key="dsl").count() == 1


@pytest.mark.parametrize(("months", "september", "done", "expires"), [
    (24, False, dt.date(2025, 3, 14), dt.date(2027, 3, 14)),
    (12, False, dt.date(2024, 2, 29), dt.date(2025, 2, 28)),  # no 29 February next year
    (1, False, dt.date(2026, 1, 31), dt.date(2026, 2, 28)),
    (None, True, dt.date(2026, 9, 3), dt.date(2027, 9, 1)),
    (None, True, dt.date(2026, 8, 31), dt.date(2026, 9, 1)),
    (None, False, dt.date(2026, 8, 31), None),
])
def test_a_requirement_says_when_training_stops_being_current(months, september, done, expires):
    assert Requirement(renewal_months=months, renew_each_september=september).expiry_after(done) == expires
