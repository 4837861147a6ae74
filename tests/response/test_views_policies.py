"""The policies and procedures register: the register page, one policy, its checklist, its
document, and turning a suggestion into an action.

Alice consults for Oakfield (A); Lena leads it; Sam is on its staff; Charlie leads Riverside (B)
and "should have no access to Alice's stuff".
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent
from response import services as response_services
from response.models import Action, ChecklistRequirement, Policy, PolicyCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n%%EOF\n"
TODAY = timezone.localdate()


def _register(org) -> str:
    return reverse("response:policy_list", kwargs={"pk": org.pk})


def _url(name: str, policy: Policy) -> str:
    return reverse(f"response:{name}", kwargs={"pk": policy.organisation_id, "policy_pk": policy.pk})


def _policy(world, title="Child protection policy", policy_type="child_protection", org=None, actor=None,
            **fields) -> Policy:
    fields.setdefault("next_review_on", TODAY + dt.timedelta(days=200))
    return response_services.policy_create(actor=actor or world.leader_a, organisation=org or world.org_a,
                                  policy_type=policy_type, title=title, **fields)


def _requirements(policy_type="child_protection") -> list[ChecklistRequirement]:
    return list(ChecklistRequirement.objects.filter(policy_type=policy_type, active=True).order_by("order", "id"))


def _stored_policy_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "policies"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _row(body: str, policy: Policy) -> str:
    match = re.search(rf'<tr class="policy-row[^"]*" data-policy="{policy.pk}">(.*?)</tr>', body, re.S)
    assert match, f"no register row for {policy}"
    return match.group(1)


# The register ----------------------------------------------------------------------------------


def test_the_register_shows_each_policy_with_its_compliance(world, login):
    policy = _policy(world, owner=world.leader_a, status="approved", approved_on=TODAY - dt.timedelta(days=3),
                     approved_by_body="the governing body")
    requirements = _requirements()
    assert len(requirements) == 9
    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirements[0], result="met")
    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirements[1], result="partly")
    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirements[2], result="not_met")
    other = _policy(world, title="Health and safety", policy_type="other")

    body = login(world.staff_a).get(_register(world.org_a)).content.decode()

    row = _row(body, policy)
    # Met counts 1, partly a half: (1 + 0.5) / 9 = 17%.
    assert 'data-compliance="17"' in row and "<strong>17%</strong>" in row
    assert "Lena Leader" in row and "Approved" in row and "the governing body" in row
    assert (TODAY - dt.timedelta(days=3)).strftime("%-d %b %Y") in row
    assert "No checklist" in _row(body, other)


def test_an_overdue_review_is_highlighted_and_suggested(world, login):
    stale = _policy(world, title="Old safeguarding policy", next_review_on=TODAY - dt.timedelta(days=10))
    fresh = _policy(world, title="Whistleblowing", policy_type="whistleblowing")

    body = login(world.alice).get(_register(world.org_a)).content.decode()

    assert "policy-row--overdue" in body.split(f'data-policy="{stale.pk}"')[0].rsplit("<tr", 1)[1]
    assert "Overdue" in _row(body, stale) and "Overdue" not in _row(body, fresh)
    suggestions = body.split('id="suggestions"', 1)[1]
    assert f'data-suggestion="{stale.pk}"' in suggestions
    assert f'data-suggestion="{fresh.pk}"' not in suggestions
    assert "review was due on" in suggestions
    # Alice (a consultant) may add it to the open case's plan.
    assert reverse("response:policy_suggest_action", kwargs={"pk": world.org_a.pk, "policy_pk": stale.pk}) in body
    assert world.case_a.reference in suggestions


def test_leaders_and_staff_do_not_get_the_suggest_action_button(world, login):
    _policy(world, next_review_on=TODAY - dt.timedelta(days=10))
    for user in (world.leader_a, world.staff_a):
        body = login(user).get(_register(world.org_a)).content.decode()
        assert "review was due on" in body
        assert "suggest-action" not in body


def test_the_register_reads_in_a_fixed_number_of_queries(world, login):
    client = login(world.alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_register(world.org_a))
        assert response.status_code == 200
        return len(ctx)

    types = ["child_protection", "staff_code", "whistleblowing", "allegations", "online_safety"]
    requirement = _requirements()[0]
    for n in range(5):
        policy = _policy(world, title=f"Policy {n}", policy_type=types[n % 5], owner=world.leader_a,
                         next_review_on=TODAY - dt.timedelta(days=n))
        if policy.policy_type == "child_protection":
            response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirement,
                                               result="partly")
    few = count()
    for n in range(5, 40):
        policy = _policy(world, title=f"Policy {n}", policy_type=types[n % 5], owner=world.alice,
                         next_review_on=TODAY - dt.timedelta(days=n))
        if policy.policy_type == "child_protection":
            response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirement,
                                               result="partly")
    assert Policy.objects.filter(organisation=world.org_a).count() == 40
    assert count() == few


# Adding and editing ----------------------------------------------------------------------------


def _form(**extra) -> dict:
    data = {"policy_type": "child_protection", "title": "Child protection and safeguarding policy",
            "version": "2.1", "owner": "", "status": "draft", "approved_on": "", "approved_by_body": "",
            "next_review_on": (TODAY + dt.timedelta(days=365)).isoformat()}
    data.update(extra)
    return data


def test_a_leader_adds_a_policy_with_its_document(world, login):
    before = _stored_policy_files()
    response = login(world.leader_a).post(
        reverse("response:policy_create", kwargs={"pk": world.org_a.pk}),
        _form(owner=world.leader_a.pk, document=SimpleUploadedFile("cp-policy.pdf", PDF)),
    )
    policy = Policy.objects.get(organisation=world.org_a)
    assert response.status_code == 302 and response.url == policy.get_absolute_url()
    assert (policy.title, policy.version, policy.owner, policy.document_name) == (
        "Child protection and safeguarding policy", "2.1", world.leader_a, "cp-policy.pdf")
    assert len(_stored_policy_files() - before) == 1
    assert AuditEvent.objects.filter(verb="policy.created", object_id=str(policy.pk)).exists()


def test_a_disguised_document_is_refused_and_nothing_is_stored(world, login):
    before = _stored_policy_files()
    response = login(world.leader_a).post(
        reverse("response:policy_create", kwargs={"pk": world.org_a.pk}),
        _form(document=SimpleUploadedFile("policy.pdf", b"MZ\x90\x00\x03 this is an executable")),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "“policy.pdf” does not contain what its name says (PDF): it was refused." in body
    assert not Policy.objects.filter(organisation=world.org_a).exists()
    assert _stored_policy_files() == before


def test_an_approved_policy_needs_its_approval_date(world, login):
    response = login(world.alice).post(reverse("response:policy_create", kwargs={"pk": world.org_a.pk}),
                                       _form(status="approved"))
    assert response.status_code == 400
    assert "Give the date the governors or trustees approved it." in response.content.decode()
    assert not Policy.objects.exists()


def test_staff_read_policies_but_cannot_keep_them(world, login):
    policy = _policy(world)
    client = login(world.staff_a)
    body = client.get(_register(world.org_a)).content.decode()
    assert policy.title in body and "Add a policy" not in body
    detail = client.get(policy.get_absolute_url())
    assert detail.status_code == 200 and "Edit the details" not in detail.content.decode()
    assert client.post(reverse("response:policy_create", kwargs={"pk": world.org_a.pk}), _form()).status_code == 403
    assert client.get(_url("policy_edit", policy)).status_code == 403
    assert client.post(_url("policy_edit", policy), _form(title="Changed")).status_code == 403
    policy.refresh_from_db()
    assert policy.title == "Child protection policy"
    assert Policy.objects.count() == 1


def test_a_keeper_edits_a_policy_and_replaces_its_document(world, login):
    policy = _policy(world, document=SimpleUploadedFile("v1.pdf", PDF))
    old_name = policy.document.name
    response = login(world.leader_a).post(_url("policy_edit", policy), _form(
        title="Child protection policy 2026", version="3.0", status="approved",
        approved_on=(TODAY - dt.timedelta(days=1)).isoformat(), approved_by_body="Governing body",
        document=SimpleUploadedFile("v3.pdf", PDF),
    ))
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.title, policy.version, policy.status, policy.document_name) == (
        "Child protection policy 2026", "3.0", "approved", "v3.pdf")
    assert policy.document.name != old_name


def test_other_organisations_cannot_reach_a_policy(world, login):
    policy = _policy(world, document=SimpleUploadedFile("cp.pdf", PDF))
    client = login(world.leader_b)
    for name in ("policy_detail", "policy_edit", "policy_document"):
        assert client.get(_url(name, policy)).status_code == 404
    # Nor by putting its id under their own organisation.
    wrong = reverse("response:policy_detail", kwargs={"pk": world.org_b.pk, "policy_pk": policy.pk})
    assert client.get(wrong).status_code == 404
    assert login(world.bob).get(_register(world.org_a)).status_code == 404


# The checklist ---------------------------------------------------------------------------------


def _checklist_post(policy, values: dict[int, tuple[str, str]]) -> dict:
    data = {}
    for requirement in _requirements(policy.policy_type):
        result, note = values.get(requirement.pk, ("", ""))
        data[f"result_{requirement.pk}"] = result
        data[f"note_{requirement.pk}"] = note
    return data


def test_a_consultant_marks_the_checklist(world, login):
    policy = _policy(world)
    first, second, third = _requirements()[:3]
    response = login(world.alice).post(_url("policy_checklist", policy), _checklist_post(policy, {
        first.pk: ("met", "DSL and deputies named on page 2."),
        second.pk: ("partly", "Still cites KCSIE 2023."),
        third.pk: ("not_met", ""),
    }))
    assert response.status_code == 302
    checks = {c.requirement_id: (c.result, c.note, c.checked_by) for c in PolicyCheck.objects.filter(policy=policy)}
    assert checks == {
        first.pk: ("met", "DSL and deputies named on page 2.", world.alice),
        second.pk: ("partly", "Still cites KCSIE 2023.", world.alice),
        third.pk: ("not_met", "", world.alice),
    }
    body = login(world.leader_a).get(policy.get_absolute_url()).content.decode()
    # (1 + 0.5) / 9 = 17%, shown on the policy page as on the register.
    assert 'data-compliance="17"' in body
    assert "Still cites KCSIE 2023." in body and "Partly met" in body and "Not yet checked" in body


def test_a_leader_cannot_mark_the_checklist(world, login):
    policy = _policy(world)
    first = _requirements()[0]
    client = login(world.leader_a)
    response = client.post(_url("policy_checklist", policy), _checklist_post(policy, {first.pk: ("met", "")}))
    assert response.status_code == 403
    assert not PolicyCheck.objects.exists()
    assert 'name="result_' not in client.get(policy.get_absolute_url()).content.decode()


def test_one_refused_row_saves_nothing(world, login):
    policy = _policy(world)
    first, second = _requirements()[:2]
    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=first, result="not_met",
                                       note="Missing.")
    response = login(world.alice).post(_url("policy_checklist", policy), _checklist_post(policy, {
        first.pk: ("met", "Now names the DSL."),
        second.pk: ("excellent", ""),  # not a result
    }))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    check = PolicyCheck.objects.get(policy=policy)
    assert (check.result, check.note) == ("not_met", "Missing.")


def test_a_service_refusal_rolls_back_the_rows_before_it(world, login, monkeypatch):
    policy = _policy(world)
    first, second = _requirements()[:2]
    real = response_services.policy_check_set

    def refuse_second(*, requirement, **kwargs):
        if requirement.pk == second.pk:
            from django.core.exceptions import ValidationError

            raise ValidationError({"requirement": "That requirement is not on this policy type's checklist."})
        return real(requirement=requirement, **kwargs)

    from response.services import policies as policy_services

    monkeypatch.setattr(policy_services, "policy_check_set", refuse_second)
    response = login(world.alice).post(_url("policy_checklist", policy), _checklist_post(policy, {
        first.pk: ("met", ""), second.pk: ("met", ""),
    }))
    assert response.status_code == 400
    assert "not on this policy type" in response.content.decode()
    assert not PolicyCheck.objects.exists()


# Suggestions become actions --------------------------------------------------------------------


def test_a_suggestion_becomes_an_action_on_the_chosen_case(world, login):
    policy = _policy(world, owner=world.leader_a, next_review_on=TODAY - dt.timedelta(days=30))
    response = login(world.alice).post(_url("policy_suggest_action", policy), {"case": world.case_a.pk})
    action = Action.objects.get(case=world.case_a)
    assert response.status_code == 302
    assert response.url == reverse("response:action_detail", kwargs={"reference": world.case_a.reference,
                                                                   "pk": action.pk})
    assert action.title == "Bring the child protection and safeguarding policy up to standard"
    assert action.owner == world.leader_a and action.priority == Action.Priority.HIGH
    assert "Review was due on" in action.description


def test_a_suggestion_cannot_go_to_another_organisations_case(world, login):
    policy = _policy(world, next_review_on=TODAY - dt.timedelta(days=30))
    response = login(world.alice).post(_url("policy_suggest_action", policy), {"case": world.case_b.pk})
    assert response.status_code == 400
    assert "one of the organisation" in response.content.decode()
    assert not Action.objects.exists()


def test_a_leader_cannot_turn_a_suggestion_into_an_action(world, login):
    policy = _policy(world, next_review_on=TODAY - dt.timedelta(days=30))
    response = login(world.leader_a).post(_url("policy_suggest_action", policy), {"case": world.case_a.pk})
    assert response.status_code == 403
    assert not Action.objects.exists()


# The document ----------------------------------------------------------------------------------


def test_the_document_downloads_as_an_attachment(world, login):
    policy = _policy(world, document=SimpleUploadedFile("Child protection 2026.pdf", PDF))
    response = login(world.staff_a).get(_url("policy_document", policy))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Child protection 2026.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(verb="policy.downloaded", actor=world.staff_a).count() == 1


def test_a_policy_without_a_document_has_nothing_to_download(world, login):
    policy = _policy(world)
    response = login(world.alice).get(_url("policy_document", policy))
    assert response.status_code == 302 and response.url == policy.get_absolute_url()
    assert not AuditEvent.objects.filter(verb="policy.downloaded").exists()


def test_the_organisation_page_summarises_the_register(world, login):
    _policy(world, next_review_on=TODAY - dt.timedelta(days=1))
    _policy(world, title="Whistleblowing", policy_type="whistleblowing")
    body = login(world.staff_a).get(reverse("crisis:organisation_detail", kwargs={"pk": world.org_a.pk})).content
    body = body.decode()
    assert "2 policies" in body and "1 overdue for review" in body
    assert _register(world.org_a) in body
