"""crisis migration 0009: the restricted cases that exist name the organisation's current leaders, so
nobody who saw a restricted case before loses it silently, and the organisation permission that let
every leader see them goes. Run back and forth on the test database itself."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from crisis import selectors
from crisis.models import Case, OrganisationUserObjectPermission, User

BEFORE = ("crisis", "0008_stage_models_moved")
AFTER = ("crisis", "0009_case_named_leaders")
MIGRATION = importlib.import_module("crisis.migrations.0009_case_named_leaders")


def _migrate(target) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor


@pytest.fixture(autouse=True)
def _latest_schema_after():
    """Each test moves crisis back and forth around 0009; leave every app at its latest migration
    (the ones after 0009 included), as the rest of the suite expects."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _seed_before(apps) -> dict[str, int]:
    """An organisation with two leaders, a member of staff and a consultant, as 0008 left them:
    leaders hold `view_restricted_cases`, the consultant is named on the restricted case."""
    MIGRATION._create_permissions(apps)  # the permissions of 0008, view_restricted_cases among them
    Permission = apps.get_model("auth", "Permission")
    User_ = apps.get_model("crisis", "User")
    Organisation = apps.get_model("crisis", "Organisation")
    Membership = apps.get_model("crisis", "Membership")
    Assignment = apps.get_model("crisis", "Assignment")
    Case_ = apps.get_model("crisis", "Case")
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    CasePerm = apps.get_model("crisis", "CaseUserObjectPermission")

    def org_perm(codename):
        return Permission.objects.get(content_type__app_label="crisis", content_type__model="organisation",
                                      codename=codename)

    school = Organisation.objects.create(name="Oakfield Academy", kind="school")
    other = Organisation.objects.create(name="Riverside Swimming Club", kind="sports_club")
    people = {name: User_.objects.create(email=f"{name}@example.test", full_name=name.title())
              for name in ("head", "dsl", "teacher", "consultant", "chair")}
    for name, organisation, role in (("head", school, "leader"), ("dsl", school, "leader"),
                                     ("teacher", school, "staff"), ("chair", other, "leader")):
        Membership.objects.create(user=people[name], organisation=organisation, role=role)
        codenames = ["view_organisation", "view_org_cases"] + (["view_restricted_cases"] if role == "leader" else [])
        for codename in codenames:
            OrgPerm.objects.create(user=people[name], content_object=organisation, permission=org_perm(codename))
    people["consultant"].consultancy_role = "consultant"
    people["consultant"].save()
    Assignment.objects.create(consultant=people["consultant"], organisation=school)
    for codename in ("view_organisation", "view_org_cases", "manage_org_cases"):
        OrgPerm.objects.create(user=people["consultant"], content_object=school, permission=org_perm(codename))
    restricted = Case_.objects.create(organisation=school, reference="SAF-2026-0001", title="Concern about the DSL",
                                      restricted=True)
    restricted.consultants.add(people["consultant"])
    view_case = Permission.objects.get(content_type__app_label="crisis", content_type__model="case",
                                       codename="view_case")
    CasePerm.objects.create(user=people["consultant"], content_object=restricted, permission=view_case)
    Case_.objects.create(organisation=school, reference="SAF-2026-0002", title="Open case")
    return {name: user.pk for name, user in people.items()}


@pytest.mark.django_db(transaction=True)
def test_existing_restricted_cases_name_the_leaders_of_the_day_and_the_blanket_permission_goes():
    executor = _migrate([BEFORE])
    ids = _seed_before(executor.loader.project_state(BEFORE).apps)

    _migrate([AFTER])

    people = {name: User.objects.get(pk=pk) for name, pk in ids.items()}
    restricted = Case.objects.get(title="Concern about the DSL")
    assert set(restricted.leaders.all()) == {people["head"], people["dsl"]}
    assert not Case.objects.get(title="Open case").leaders.exists()
    # Everyone who saw the restricted case still does; staff and other organisations still do not.
    for name in ("head", "dsl", "consultant"):
        assert restricted in selectors.cases_for(people[name]), name
    for name in ("teacher", "chair"):
        assert restricted not in selectors.cases_for(people[name]), name
    assert not OrganisationUserObjectPermission.objects.filter(permission__codename="view_restricted_cases").exists()

    # From now on a leader left out of the case loses it, and only that leader.
    restricted.leaders.remove(people["dsl"])
    from guardian.shortcuts import remove_perm

    remove_perm("crisis.view_case", people["dsl"], restricted)
    assert restricted not in selectors.cases_for(people["dsl"])
    assert restricted in selectors.cases_for(people["head"])


@pytest.mark.django_db(transaction=True)
def test_going_back_gives_the_leaders_their_organisation_permission_again():
    executor = _migrate([BEFORE])
    ids = _seed_before(executor.loader.project_state(BEFORE).apps)
    _migrate([AFTER])

    executor = _migrate([BEFORE])
    apps = executor.loader.project_state(BEFORE).apps
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    CasePerm = apps.get_model("crisis", "CaseUserObjectPermission")
    holders = set(OrgPerm.objects.filter(permission__codename="view_restricted_cases")
                  .values_list("user_id", flat=True))
    assert holders == {ids["head"], ids["dsl"], ids["chair"]}
    # The named leaders' view_case goes back with their names; the consultant keeps his.
    assert set(CasePerm.objects.values_list("user_id", flat=True)) == {ids["consultant"]}

    _migrate([AFTER])
    assert set(Case.objects.get(title="Concern about the DSL").leaders.values_list("pk", flat=True)) == {
        ids["head"], ids["dsl"]}
