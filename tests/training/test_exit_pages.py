"""The exit page, the case page's Recovery panel and Move stage form, and the exit API: what each
person sees and may do, bad input, and queries that do not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import Stage
from training import services as training_services
from training.models import ExitCriterion, ExitOverride, ExitSignOff, FollowUpReview

from .exit_helpers import compliant_policy, in_recovery, meet_everything, survey, trained, verified_actions

pytestmark = pytest.mark.django_db


def _page(case) -> str:
    return reverse("training:exit_readiness", args=[case.reference])


def _api(case, what: str) -> str:
    return f"/api/v1/cases/{case.reference}/exit/{what}/"


def test_the_page_shows_each_criterion_with_its_figure_in_words_and_a_way_to_fix_it(world, login, monkeypatch):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    verified_actions(world, case, verified=1, other=1)
    body = login(world.alice).get(_page(case)).content.decode()
    assert "Exit criteria <span class=\"muted\">· 2 of 8 met</span>" in body  # no risk, no statutory deadline
    assert "50% (1 of 2)" in body and "Needed: at least 90%" in body
    assert "Not met" in body and "Met" in body  # in words, not by colour alone
    assert f'href="/cases/{case.reference}/actions/"' in body and "Open the action plan" in body
    assert "Change the criteria and thresholds" in body and "Close the case" in body and "Ask for an override" in body
    assert "Sign off as lead consultant" in body and "Sign off as leader" not in body


def test_a_leader_reads_the_page_and_signs_as_leader_but_edits_nothing(world, login):
    case = in_recovery(world.case_a)
    client = login(world.leader_a)
    body = client.get(_page(case)).content.decode()
    assert "Sign off as leader" in body
    assert "Change the criteria" not in body and "Ask for an override" not in body and "Close the case</button>" \
        not in body
    response = client.post(reverse("training:exit_sign_off", args=[case.reference]),
                           {"role": "leader", "leader-note": "Governors agree."})
    assert response.status_code == 302
    assert ExitSignOff.objects.get().note == "Governors agree."
    for name, data in (("training:exit_criteria_edit", {"threshold_actions": "50"}),
                       ("training:exit_override_request", {"reason": "Please."}),
                       ("training:exit_close", {"close-rationale": "Done."})):
        assert client.post(reverse(name, args=[case.reference]), data).status_code == 403
    assert client.post(reverse("training:exit_sign_off", args=[case.reference]),
                       {"role": "lead_consultant"}).status_code == 403
    assert not ExitCriterion.objects.exists() and not ExitOverride.objects.exists()


def test_staff_get_403_and_another_organisation_404(world, login):
    case = in_recovery(world.case_a)
    assert login(world.staff_a).get(_page(case)).status_code == 403
    assert login(world.staff_a).get(_api(case, "readiness")).status_code == 403
    for user in (world.bob, world.leader_b):
        response = login(user).get(_page(case))
        assert response.status_code == 404 and case.reference not in response.content.decode()
        assert login(user).get(_api(case, "readiness")).status_code == 404


def test_a_bad_threshold_on_the_page_is_a_form_error_and_writes_nothing(world, login):
    case = in_recovery(world.case_a)
    client = login(world.alice)
    url = reverse("training:exit_criteria_edit", args=[case.reference])
    data = {f"enabled_{kind}": "on" for kind in ("risks", "actions", "training", "survey", "deadlines", "policies",
                                                    "leader_signoff", "lead_signoff")}
    response = client.post(url, {**data, "threshold_actions": "120", "threshold_training": "95",
                                 "threshold_survey": "4.0", "threshold_policies": "90"})
    assert response.status_code == 400
    assert "the threshold is a whole percentage from 0 to 100 (not 120)" in response.content.decode()
    assert not ExitCriterion.objects.exists()

    response = client.post(url, {**data, "enabled_survey": "", "threshold_actions": "85", "threshold_training": "95",
                                 "threshold_survey": "4.0", "threshold_policies": "90"})
    assert response.status_code == 302
    assert ExitCriterion.objects.get(case=case, kind="actions").threshold == 85
    assert not ExitCriterion.objects.get(case=case, kind="survey").enabled


def test_the_case_pages_move_stage_form_meets_the_same_gate(world, login, monkeypatch):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    verified_actions(world, case, verified=1, other=1)
    client = login(world.alice)
    response = client.post(reverse("crisis:case_stage_move", args=[case.reference]),
                           {"to": "closed", "rationale": "Ready."})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Actions verified: 50% (1 of 2); at least 90% needed." in body
    assert "Staff survey, key questions: no staff survey with enough responses yet" in body
    case.refresh_from_db()
    assert case.stage == Stage.RECOVERY


def test_the_exit_pages_close_form_refuses_then_closes_and_reopens(world, login, monkeypatch):
    case = in_recovery(world.case_a)
    client = login(world.alice)
    close = reverse("training:exit_close", args=[case.reference])
    response = client.post(close, {"close-rationale": "Ready."})
    assert response.status_code == 400 and "at least 90% needed" in response.content.decode()
    meet_everything(world, case, monkeypatch)
    response = client.post(close, {"close-rationale": ""})
    assert response.status_code == 400 and "Give the reason for the stage change" in response.content.decode()
    assert client.post(close, {"close-rationale": "All criteria met."}).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED

    body = client.get(_page(case)).content.decode()
    assert "Follow-up reviews" in body and "3-month review" in body and "Re-open the case" in body
    assert "Exit decision" in body and "with every exit criterion met" in body

    reopen = reverse("training:exit_reopen", args=[case.reference])
    assert client.post(reopen, {"reopen-rationale": ""}).status_code == 400
    assert client.post(reopen, {"reopen-rationale": "New concerns."}).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.RECOVERY
    assert set(FollowUpReview.objects.values_list("status", flat=True)) == {"cancelled"}


def test_the_lead_marks_a_follow_up_done_on_the_page(world, login, monkeypatch):
    case = in_recovery(world.case_a)
    meet_everything(world, case, monkeypatch)
    training_services.exit_close(actor=world.alice, case=case, rationale="Met.")
    follow_up = FollowUpReview.objects.get(case=case, months=3)
    url = reverse("training:follow_up_done", args=[case.reference, follow_up.pk])
    client = login(world.alice)
    response = client.post(url, {f"follow-up-{follow_up.pk}-notes": ""})
    assert response.status_code == 400 and "Say what the follow-up review found." in response.content.decode()
    assert client.post(url, {f"follow-up-{follow_up.pk}-notes": "Holding well."}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done" and follow_up.notes == "Holding well."
    assert login(world.bob).post(url, {}).status_code == 404


def test_the_recovery_panel_on_the_case_page(world, login, monkeypatch):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    url = case.get_absolute_url()
    body = login(world.alice).get(url).content.decode()
    recovery = body.split('id="section-recovery"', 1)[1].split("</section>", 1)[0]
    assert "In Recovery since" in recovery and "Exit criteria: 2 of 8 met" in recovery
    assert "Actions verified: No actions in the plan yet" in recovery and _page(case) in recovery
    staff = login(world.staff_a).get(url).content.decode()
    recovery = staff.split('id="section-recovery"', 1)[1].split("</section>", 1)[0]
    assert "In Recovery since" in recovery and "Exit criteria" not in recovery


# The API ----------------------------------------------------------------------------------------


def test_the_api_readiness_gives_the_pages_figures(world, login, monkeypatch):
    survey(monkeypatch, score=4.5)
    case = in_recovery(world.case_a)
    verified_actions(world, case, verified=1, other=1)
    data = login(world.leader_a).get(_api(case, "readiness")).json()
    actions = next(item for item in data["criteria"] if item["kind"] == "actions")
    assert actions == {"kind": "actions", "label": "Actions verified", "threshold_text": "at least 90%",
                       "figure_text": "50% (1 of 2)", "met": False, "fix_url": f"/cases/{case.reference}/actions/",
                       "fix_label": "Open the action plan"}
    assert data["all_met"] is False and data["override"] is None and data["signoffs"] == []


def test_the_api_edits_criteria_and_refuses_a_bad_threshold(world, login):
    case = in_recovery(world.case_a)
    client = login(world.alice)
    response = client.patch(_api(case, "criteria"), {"criteria": [{"kind": "actions", "threshold": "120"}]},
                            content_type="application/json")
    assert response.status_code == 400
    assert response.json()["actions"] == ["Actions verified: the threshold is a whole percentage from 0 to 100 "
                                          "(not 120)."]
    assert not ExitCriterion.objects.exists()
    response = client.patch(_api(case, "criteria"), {"criteria": [{"kind": "training", "threshold": "80",
                                                                    "enabled": False}]},
                            content_type="application/json")
    assert response.status_code == 200
    training = next(row for row in response.json() if row["kind"] == "training")
    assert training == {"kind": "training", "label": "Mandatory training in date", "threshold": 80.0,
                        "enabled": False, "position": 2}
    assert login(world.leader_a).patch(_api(case, "criteria"), {"criteria": [{"kind": "actions", "threshold": "5"}]},
                                       content_type="application/json").status_code == 403


def test_the_api_stage_move_meets_the_gate(world, login):
    case = in_recovery(world.case_a)
    response = login(world.alice).post(f"/api/v1/cases/{case.reference}/stage/",
                                       {"to": "closed", "rationale": "Ready."}, content_type="application/json")
    assert response.status_code == 400
    assert "Actions verified: no actions in the plan yet; at least 90% needed." in response.json()["detail"]


def test_the_api_override_needs_a_second_consultant(world, login):
    case = in_recovery(world.case_a)
    alice, carol = login(world.alice), login(world.carol)
    assert alice.post(_api(case, "overrides"), {"reason": ""}, content_type="application/json").status_code == 400
    response = alice.post(_api(case, "overrides"), {"reason": "The survey runs late."},
                          content_type="application/json")
    assert response.status_code == 201
    pk = response.json()["id"]
    response = alice.post(_api(case, f"overrides/{pk}/approve"), {"reason": "Fine."},
                          content_type="application/json")
    assert response.status_code == 400 and "a second consultant" in response.json()["detail"][0]
    assert login(world.leader_a).post(_api(case, f"overrides/{pk}/approve"), {"reason": "Yes."},
                                      content_type="application/json").status_code == 403
    response = carol.post(_api(case, f"overrides/{pk}/approve"), {"reason": "Agreed."},
                          content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert login(world.leader_a).get(_api(case, "readiness")).json()["override"]["id"] == pk
    response = alice.post(f"/api/v1/cases/{case.reference}/stage/", {"to": "closed", "rationale": "On override."},
                          content_type="application/json")
    assert response.status_code == 200


def test_the_api_sign_off_and_follow_ups(world, login, monkeypatch):
    case = in_recovery(world.case_a)
    response = login(world.leader_a).post(_api(case, "sign-offs"), {"role": "leader"},
                                          content_type="application/json")
    assert response.status_code == 201 and response.json()["user"] == "Lena Leader"
    assert login(world.leader_a).post(_api(case, "sign-offs"), {"role": "lead_consultant"},
                                      content_type="application/json").status_code == 403
    meet_everything(world, case, monkeypatch)
    training_services.exit_close(actor=world.alice, case=case, rationale="Met.")
    data = login(world.leader_a).get(_api(case, "follow-ups")).json()
    assert [row["months"] for row in data["results"]] == [3, 6]
    pk = data["results"][0]["id"]
    assert login(world.alice).post(_api(case, f"follow-ups/{pk}/done"), {"notes": ""},
                                   content_type="application/json").status_code == 400
    response = login(world.alice).post(_api(case, f"follow-ups/{pk}/done"), {"notes": "Holding."},
                                       content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "done"


# Queries ----------------------------------------------------------------------------------------


def _more(world, case, n: int, tag: str) -> None:
    verified_actions(world, case, verified=n, other=n)
    trained(world, current=n, missing=n, prefix=tag)
    for i in range(n):
        compliant_policy(world, title=f"Policy {tag} {i}", result="partly")
        services_deadline(world, case, f"Deadline {tag} {i}")
    training_services.exit_sign_off(actor=world.leader_a, case=case, role="leader")


def services_deadline(world, case, title):
    from crisis import services

    services.deadline_create(actor=world.alice, case=case, title=title, statutory=True, due_on=timezone.localdate())


@pytest.mark.parametrize("who", ["page", "api", "case_page"])
def test_the_readiness_is_read_in_a_fixed_number_of_queries(world, login, monkeypatch, who):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    client = login(world.alice)
    url = {"page": _page(case), "api": _api(case, "readiness"), "case_page": case.get_absolute_url()}[who]
    _more(world, case, 1, "small")
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _more(world, case, 2, "large")  # three times the data
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)
