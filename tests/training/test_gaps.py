"""The gaps page and API: who is missing or out of date on each mandatory requirement, and the one
click that turns the gaps into suggested actions on a case in the Response stage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent, Case, Stage
from response import services as response_services
from training.models import Course, Person, Requirement, StaffRole, TrainingRecord

pytestmark = pytest.mark.django_db


def _in_response(case: Case) -> Case:
    Case.objects.filter(pk=case.pk).update(stage=Stage.RESPONSE)
    case.refresh_from_db()
    return case


def _setup(world, org=None, n_expired=2, n_missing=1):
    """A mandatory requirement for everyone: n people expired, n missing, one current, one leaver."""
    org = org or world.org_a
    today = timezone.localdate()
    Requirement.objects.filter(organisation=org).update(active=False)  # the shipped ones: not under test here
    requirement = Requirement.objects.create(organisation=org, key="update", title="Safeguarding update",
                                             course_kind="safeguarding_update", everyone=True, renewal_months=12)
    course = Course.objects.create(organisation=org, title="Annual update", kind="safeguarding_update")
    course.satisfies.add(requirement)

    def person(name, **extra):
        return Person.objects.create(organisation=org, full_name=name, **extra)

    def record(p, done):
        TrainingRecord.objects.create(organisation=org, person=p, course=course, completed_on=done,
                                      recorded_by=world.alice)

    for i in range(n_expired):
        record(person(f"Expired {i}"), today - dt.timedelta(days=400))
    for i in range(n_missing):
        person(f"Missing {i}")
    record(person("Current Carla"), today - dt.timedelta(days=10))
    person("Left Lucy", leaver_date=today - dt.timedelta(days=1))
    partial = person("Partial Pete")
    TrainingRecord.objects.create(organisation=org, person=partial, course=course, completed_on=today,
                                  attendance=TrainingRecord.Attendance.PARTIAL, recorded_by=world.alice)
    return requirement


def test_the_page_lists_who_is_expired_or_missing(world, login):
    _setup(world)
    body = login(world.leader_a).get(reverse("training:gaps", args=[world.org_a.pk])).content.decode()
    assert "Safeguarding update" in body and "Expired 0" in body and "Missing 0" in body
    assert "Partial Pete" in body  # attended in part: not met
    assert "Current Carla" not in body and "Left Lucy" not in body
    assert "2 expired, 2 missing" in body
    assert "Add these as actions" not in body  # leaders do not add to the plan: consultants do


def test_a_role_requirement_applies_only_to_its_holders(world, login):
    Requirement.objects.filter(organisation=world.org_a).update(active=False)
    role = StaffRole.objects.create(organisation=world.org_a, key="test-dsl", name="Test DSL")
    requirement = Requirement.objects.create(organisation=world.org_a, key="test-dsl", title="DSL training",
                                             course_kind="dsl")
    requirement.roles.add(role)
    Person.objects.create(organisation=world.org_a, full_name="Nobody Special")
    Person.objects.create(organisation=world.org_a, full_name="Dee Ess").roles.add(role)
    body = login(world.alice).get(reverse("training:gaps", args=[world.org_a.pk])).content.decode()
    assert "Dee Ess" in body and "Nobody Special" not in body


def test_staff_get_403_and_another_organisation_404(world, login):
    _setup(world)
    url = reverse("training:gaps", args=[world.org_a.pk])
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.leader_b).get(url).status_code == 404
    assert login(world.bob).get(url).status_code == 404


def test_the_page_reads_a_fixed_number_of_queries(world, login):
    client = login(world.alice)
    url = reverse("training:gaps", args=[world.org_a.pk])
    _setup(world, n_expired=2, n_missing=2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _setup_more(world, 20)
    with CaptureQueriesContext(connection) as large:
        body = client.get(url).content.decode()
    assert "More 19" in body
    assert len(large) == len(small)


def _setup_more(world, n):
    requirement = Requirement.objects.get(organisation=world.org_a, key="update")
    course = requirement.courses.get()
    for i in range(n):
        p = Person.objects.create(organisation=world.org_a, full_name=f"More {i}")
        TrainingRecord.objects.create(organisation=world.org_a, person=p, course=course,
                                      completed_on=timezone.localdate() - dt.timedelta(days=500),
                                      recorded_by=world.alice)


def test_gaps_become_actions_once(world, login):
    _setup(world)
    case = _in_response(world.case_a)
    client = login(world.alice)
    page = client.get(reverse("training:gaps", args=[world.org_a.pk])).content.decode()
    assert f"Add these as actions to {case.reference}" in page
    url = reverse("training:gaps_actions", args=[world.org_a.pk])
    response = client.post(url, {"case": case.reference}, follow=True)
    assert "1 action added to the plan" in response.content.decode()
    action = case.actions.get()
    assert action.title == "Train 4 people in Safeguarding update (expired or missing)"
    assert action.owner is None and action.due_on == timezone.localdate() + dt.timedelta(days=30)
    assert "Expired 0" not in action.description  # the plan carries numbers, not names
    assert AuditEvent.objects.filter(verb="training.gaps_to_actions").count() == 1
    # One more person lapses: the same requirement is still in the plan, so nothing new.
    Person.objects.create(organisation=world.org_a, full_name="New Nina")
    response = client.post(url, {"case": case.reference}, follow=True)
    assert "Already in the plan" in response.content.decode()
    assert case.actions.count() == 1
    # Renamed, the action no longer stands for the requirement: a new one is added.
    response_services.action_update(actor=world.alice, action=action, title="Booked the update")
    client.post(url, {"case": case.reference})
    assert case.actions.count() == 2


def test_refused_requests_write_nothing(world, login):
    _setup(world)
    case = _in_response(world.case_a)
    url = reverse("training:gaps_actions", args=[world.org_a.pk])
    events = AuditEvent.objects.count()
    assert login(world.leader_a).post(url, {"case": case.reference}).status_code == 403
    assert login(world.staff_a).post(url, {"case": case.reference}).status_code == 403
    assert login(world.bob).post(url, {"case": case.reference}).status_code == 404
    assert login(world.alice).post(url, {"case": world.case_b.reference}).status_code == 302  # not this organisation's
    assert login(world.alice).post(url, {"case": "nonsense"}).status_code == 302
    assert case.actions.count() == 0 and world.case_b.actions.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_case_not_in_the_response_stage_is_refused(world, login):
    _setup(world)
    body = login(world.alice).get(reverse("training:gaps", args=[world.org_a.pk])).content.decode()
    assert "Add these as actions" not in body
    response = login(world.alice).post(reverse("training:gaps_actions", args=[world.org_a.pk]),
                                       {"case": world.case_a.reference}, follow=True)
    assert "Choose one of the organisation" in response.content.decode()
    assert world.case_a.actions.count() == 0


def test_the_api_lists_gaps_and_adds_actions(world, login):
    _setup(world)
    case = _in_response(world.case_a)
    url = reverse("api-training-gaps", args=[world.org_a.pk])
    rows = login(world.leader_a).get(url).json()
    assert rows[0]["requirement"] == "Safeguarding update" and rows[0]["count"] == 4
    assert {p["full_name"] for p in rows[0]["expired"]} == {"Expired 0", "Expired 1"}
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.leader_b).get(url).status_code == 404
    post = reverse("api-training-gap-actions", args=[world.org_a.pk])
    leader = login(world.leader_a).post(post, {"case": case.reference}, content_type="application/json")
    assert leader.status_code == 403
    assert login(world.alice).post(post, {}, content_type="application/json").status_code == 400
    assert case.actions.count() == 0
    first = login(world.alice).post(post, {"case": case.reference}, content_type="application/json").json()
    assert len(first["created"]) == 1 and first["already_in_plan"] == []
    again = login(world.alice).post(post, {"case": case.reference}, content_type="application/json").json()
    assert again["created"] == [] and len(again["already_in_plan"]) == 1


def test_our_action_plan_shows_a_leader_their_training_to_act_on(world, login):
    _setup(world)
    _setup(world, org=world.org_b)
    body = login(world.leader_a).get(reverse("response:our_action_plan")).content.decode()
    assert "Training to act on" in body
    assert "Safeguarding update" in body and "2 people expired, 2 missing" in body
    assert reverse("training:gaps", args=[world.org_a.pk]) in body
    assert reverse("training:gaps", args=[world.org_b.pk]) not in body
    staff = login(world.staff_a).get(reverse("response:our_action_plan")).content.decode()
    assert "Training to act on" not in staff


def test_our_action_plan_reads_a_fixed_number_of_queries(world, login):
    _setup(world)
    client = login(world.leader_a)
    url = reverse("response:our_action_plan")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _setup_more(world, 20)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_the_case_plan_adds_every_training_gap_in_one_click(world, login):
    _setup(world)
    case = _in_response(world.case_a)
    plan = reverse("response:action_list", kwargs={"reference": case.reference})
    page = login(world.alice).get(plan).content.decode()
    assert "Add every training gap to this plan as actions" in page
    assert f'name="case" value="{case.reference}"' in page and "csrfmiddlewaretoken" in page
    assert "Add every training gap" not in login(world.leader_a).get(plan).content.decode()
    response = login(world.alice).post(reverse("training:gaps_actions", args=[world.org_a.pk]),
                                       {"case": case.reference}, follow=True)
    assert "1 action added to the plan" in response.content.decode()
    assert case.actions.filter(title__startswith="Train 4 people").exists()
    assessment_case = world.case_b  # in Assessment, and not Alice's: nothing offered
    assert "Add every training gap" not in login(world.bob).get(
        reverse("response:action_list", kwargs={"reference": assessment_case.reference})).content.decode()
