"""What the exit tests share: a case put in Recovery, a staff survey score, and every exit criterion met
through the services that keep each of them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from crisis.models import Case, Stage
from response import services as response_services
from response.models import ChecklistRequirement
from training import services as training_services
from training.models import Course, Person, Requirement, TrainingRecord


def in_recovery(case: Case, *, minutes_ago: int = 60) -> Case:
    """The case in Recovery since a while ago (the stage machine's own moves are tested elsewhere)."""
    Case.objects.filter(pk=case.pk).update(stage=Stage.RECOVERY,
                                           stage_changed_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    case.refresh_from_db()
    return case


def survey(monkeypatch, score: float | None = 4.4, responses: int = 31, baseline: float | None = 3.1) -> None:
    """The surveys part answers with this score (None: no survey with enough responses)."""
    result = None if score is None else {"score": score, "responses": responses, "survey": None,
                                         "baseline_score": baseline}
    monkeypatch.setattr("training.selectors.surveys.staff_survey_key_score", lambda *, case: result)


def verified_actions(world, case: Case, verified: int, other: int = 0) -> None:
    due = timezone.localdate() + dt.timedelta(days=7)
    for i in range(verified + other):
        action = response_services.action_create(actor=world.alice, case=case, title=f"Action {i}", owner=world.alice,
                                                 due_on=due)
        if i < verified:
            response_services.action_mark_done(actor=world.alice, action=action, completion_notes="Done.")
            response_services.action_verify(actor=world.alice, action=action, note="Seen the evidence.")


def trained(world, *, current: int, missing: int = 0, prefix: str = "Person") -> Requirement:
    """One mandatory requirement for everyone (the shipped ones made optional): `current` people hold it,
    `missing` do not."""
    org = world.org_a
    Requirement.objects.filter(organisation=org).exclude(key="exit-core").update(mandatory=False)
    requirement, _ = Requirement.objects.get_or_create(
        organisation=org, key="exit-core",
        defaults={"title": "Core safeguarding", "course_kind": "safeguarding", "everyone": True,
                  "renewal_months": 24})
    course, created = Course.objects.get_or_create(organisation=org, title="Core course", kind="safeguarding")
    if created:
        course.satisfies.add(requirement)
    for i in range(current):
        person = Person.objects.create(organisation=org, full_name=f"{prefix} current {i}")
        TrainingRecord.objects.create(organisation=org, person=person, course=course, recorded_by=world.alice,
                                      completed_on=timezone.localdate() - dt.timedelta(days=10))
    for i in range(missing):
        Person.objects.create(organisation=org, full_name=f"{prefix} missing {i}")
    return requirement


def compliant_policy(world, *, title: str = "Child protection policy", result: str = "met"):
    policy = response_services.policy_create(actor=world.alice, organisation=world.org_a,
                                             policy_type="child_protection", title=title,
                                             next_review_on=timezone.localdate() + dt.timedelta(days=300))
    for requirement in ChecklistRequirement.objects.filter(policy_type="child_protection", active=True):
        response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirement, result=result)
    return policy


def meet_everything(world, case: Case, monkeypatch) -> None:
    """Every default exit criterion met: no serious risk, the plan verified, everyone trained, a good
    survey, no statutory deadline open, the policies compliant, both sign-offs."""
    survey(monkeypatch)
    verified_actions(world, case, 1)
    trained(world, current=2)
    compliant_policy(world)
    training_services.exit_sign_off(actor=world.leader_a, case=case, role="leader")
    training_services.exit_sign_off(actor=world.alice, case=case, role="lead_consultant")
