"""A case with what a closure report reads: risks scored at the start and now (one closed), actions
open and done with owners, a policy, a chronology, a protected name; and the exit criteria as the
readiness selector gives them."""

from __future__ import annotations

import datetime as dt
import types

from django.utils import timezone

from assessment import services as assessment_services
from crisis import services as crisis_services
from response import services as response_services
from training import services

TODAY = timezone.localdate()
PROTECTED = "Tallulah Quince"
LESSONS = "Escalate concerns about staff to the LADO on the same day."
HANDOVER = "The DSL keeps the weekly safeguarding meeting; governors review the log each term."


def seed(world, case=None, *, n: int = 1) -> None:
    """n sets of: a critical risk brought down to low, a high risk still high, a risk closed; an open
    action owned by the head teacher, one owned by a consultant, one done; a policy; two chronology
    entries shared with the organisation."""
    case = case or world.case_a
    for i in range(n):
        brought_down = assessment_services.risk_create(
            actor=world.alice, case=case, title=f"Staff unsure of the LADO route {i}", category="operational",
            inherent_likelihood=5, inherent_impact=5, current_likelihood=1, current_impact=2, owner=world.leader_a)
        assessment_services.risk_create(actor=world.alice, case=case, title=f"Parents' trust still low {i}",
                                        category="reputational", inherent_likelihood=4, inherent_impact=4)
        closed = assessment_services.risk_create(actor=world.alice, case=case, title=f"Press interest {i}",
                                                 category="reputational", inherent_likelihood=4, inherent_impact=5)
        assessment_services.risk_close(actor=world.alice, risk=closed, note="The story has run its course.")
        response_services.action_create(actor=world.alice, case=case,
                                        title=f"Embed the weekly safeguarding meeting {i}", owner=world.leader_a,
                                        due_on=TODAY + dt.timedelta(days=30), risks=[brought_down])
        response_services.action_create(actor=world.alice, case=case, title=f"Audit the single central record {i}",
                                        owner=world.carol, due_on=TODAY + dt.timedelta(days=14))
        done = response_services.action_create(actor=world.alice, case=case, title=f"Brief all staff {i}",
                                               owner=world.alice, due_on=TODAY)
        response_services.action_mark_done(actor=world.alice, action=done, completion_notes="Briefed.")
        response_services.policy_create(actor=world.leader_a, organisation=case.organisation,
                                        policy_type="child_protection", title=f"Child protection policy {i}",
                                        next_review_on=TODAY + dt.timedelta(days=200))
        crisis_services.chronology_entry_create(actor=world.alice, case=case, title=f"Concern reported by a parent {i}",
                                                shared_with_organisation=True)


def protect(world, case=None) -> None:
    crisis_services.protected_name_create(actor=world.alice, case=case or world.case_a, name=PROTECTED,
                                          role="child")


def draft(world, case=None, *, lessons: str = LESSONS, handover: str = HANDOVER, actor=None):
    return services.closure_create(actor=actor or world.alice, case=case or world.case_a, lessons_learned=lessons,
                                   handover=handover)


def requested(world, case=None, **kwargs):
    closure = draft(world, case, **kwargs)
    return services.closure_request_approval(actor=kwargs.get("actor") or world.alice, closure=closure)


def readiness(world, *, override: bool = True) -> dict:
    """What the exit criteria selector gives: two criteria (one unmet) and an override with its reason."""
    criteria = [
        {"kind": "actions", "label": "Actions of the plan complete", "threshold_text": "at least 90%",
         "figure_text": "94% (47 of 50)", "met": True, "fix_url": "", "fix_label": ""},
        {"kind": "training", "label": "Staff trained in safeguarding", "threshold_text": "at least 95%",
         "figure_text": "88% (44 of 50)", "met": False, "fix_url": "", "fix_label": ""},
    ]
    chosen = None
    if override:
        chosen = types.SimpleNamespace(
            pk=7, reason="The remaining six staff are booked on the 12 January session; governors accept the gap.",
            requested_by=world.alice, decided_by=world.carol, decided_at=timezone.now())
    return {"criteria": criteria, "all_met": False, "unmet": criteria[1:], "override": chosen,
            "pending_override": None,
            "signoffs": [{"role": "chair", "role_label": "Chair of governors", "name": "Grace Governor",
                          "signed_at": timezone.now()},
                         {"role": "lead", "role_label": "Lead consultant", "name": "Alice Adams",
                          "signed_at": timezone.now()}]}


def approved(world, case=None, *, rendered: bool = True):
    """A version approved by a second consultant, its PDF stored (without running the renderer)."""
    from crisis.services import report_store

    closure = requested(world, case)
    services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    if rendered:
        report_store(report=closure.report, pdf=b"%PDF-1.4\n% closure\n%%EOF\n", filename="closure.pdf")
    return closure
