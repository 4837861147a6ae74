"""A case's protected names: kept by its consultants, seen by nobody else, audited without the name.

Alice consults for A and is named on A's restricted case; Carol consults for A but is not named on it;
Lena leads A and Sam is on A's staff: they see the case, not its protected names (403). Bob consults
for B and learns nothing of A (404).
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from crisis import selectors, services
from crisis.models import AuditEvent, ProtectedName
from crisis.privacy import GuardText, protected_names_for, scan

pytestmark = pytest.mark.django_db

HUGE = 2**63


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


@pytest.fixture
def jane(world) -> ProtectedName:
    return services.protected_name_create(
        actor=world.alice, case=world.case_a, name="Jane Alice Smith", role=ProtectedName.Role.CHILD,
        also_known_as="Janey\nJ Smith", note="The child at the centre of the allegation.",
    )


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def list_url(case) -> str:
    return reverse("crisis:protected_name_list", kwargs={"reference": case.reference})


def edit_url(protected_name, case=None) -> str:
    reference = (case or protected_name.case).reference
    return reverse("crisis:protected_name_edit", kwargs={"reference": reference, "pk": protected_name.pk})


def delete_url(protected_name) -> str:
    return reverse("crisis:protected_name_delete",
                   kwargs={"reference": protected_name.case.reference, "pk": protected_name.pk})


def api_list_url(case) -> str:
    return reverse("api-case-protected-names", kwargs={"reference": case.reference})


def api_detail_url(protected_name, case=None) -> str:
    reference = (case or protected_name.case).reference
    return reverse("api-case-protected-name-detail", kwargs={"reference": reference, "pk": protected_name.pk})


def audit_text() -> str:
    """Everything the audit log holds, as one string."""
    return " ".join(f"{e.verb} {e.object_repr} {e.summary}" for e in AuditEvent.objects.all())


# Services ----------------------------------------------------------------------------------------


def test_it_protects_a_name_cleaned_and_audits_it_without_the_name(world):
    protected = services.protected_name_create(
        actor=world.alice, case=world.case_a, name="  Jane   Alice\nSmith ", role="child",
        also_known_as="Janey\n\n  J   Smith \njaney\nJane Alice Smith", note=" Year 8. ",
    )
    protected.refresh_from_db()
    assert protected.name == "Jane Alice Smith"
    assert protected.aliases == ["Janey", "J Smith"]  # each once, the name itself left out
    assert protected.note == "Year 8."
    assert (protected.organisation, protected.case, protected.created_by) == (world.org_a, world.case_a, world.alice)
    event = AuditEvent.objects.get(verb="protected_name.created")
    assert event.summary == {"id": protected.pk, "role": "child"}
    assert (event.case, event.organisation, event.object_id) == (world.case_a, world.org_a, str(protected.pk))
    assert "Jane" not in audit_text() and "Smith" not in audit_text()
    assert "Jane" not in str(protected)


@pytest.mark.parametrize("name,message", [
    ("", "Enter the name to protect."),
    ("   \n ", "Enter the name to protect."),
    ("J", "A protected name needs at least two letters."),
    ("J. 1", "A protected name needs at least two letters."),
])
def test_a_name_without_letters_enough_is_refused_and_nothing_is_written(world, name, message):
    with pytest.raises(ValidationError) as error:
        services.protected_name_create(actor=world.alice, case=world.case_a, name=name, role="child")
    assert error.value.message_dict == {"name": [message]}
    assert not ProtectedName.objects.exists() and not AuditEvent.objects.filter(verb__startswith="protected").exists()


def test_a_one_letter_alias_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.protected_name_create(actor=world.alice, case=world.case_a, name="Jane Smith", role="child",
                                       also_known_as="Janey\nJ")
    assert error.value.message_dict == {"also_known_as": ["Each other spelling needs at least two letters."]}
    assert not ProtectedName.objects.exists()


def test_an_unknown_role_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.protected_name_create(actor=world.alice, case=world.case_a, name="Jane Smith", role="pupil")
    assert "role" in error.value.message_dict
    assert not ProtectedName.objects.exists()


def test_the_same_name_twice_on_a_case_is_refused_in_words(world, jane):
    with pytest.raises(ValidationError) as error:
        services.protected_name_create(actor=world.alice, case=world.case_a, name="JANE  alice smith", role="witness")
    assert error.value.message_dict == {"name": ["This name is already protected on this case."]}
    assert ProtectedName.objects.count() == 1
    # Another case of the organisation may protect the same name.
    services.protected_name_create(actor=world.alice, case=world.restricted_a, name="Jane Alice Smith", role="child")
    assert ProtectedName.objects.count() == 2


def test_two_requests_at_once_meet_the_same_words(world, jane):
    """The check in words can be passed by two requests at once; the database's constraint is not."""
    with mock.patch("crisis.services.privacy._check_unique"), pytest.raises(ValidationError) as error:
        services.protected_name_create(actor=world.alice, case=world.case_a, name="jane alice smith", role="child")
    assert error.value.message_dict == {"name": ["This name is already protected on this case."]}
    assert ProtectedName.objects.count() == 1


def test_an_update_is_audited_by_the_fields_it_changed_not_their_values(world, jane):
    services.protected_name_update(actor=world.alice, protected_name=jane, name="Jane Smith",
                                   also_known_as="Janey", role="child")
    jane.refresh_from_db()
    assert (jane.name, jane.aliases) == ("Jane Smith", ["Janey"])
    assert jane.note == "The child at the centre of the allegation."
    event = AuditEvent.objects.get(verb="protected_name.updated")
    assert event.summary == {"id": jane.pk, "role": "child", "changed": ["name", "also_known_as"]}
    assert "Jane" not in audit_text()


def test_an_update_that_changes_nothing_writes_nothing(world, jane):
    services.protected_name_update(actor=world.alice, protected_name=jane, name=" Jane  Alice Smith ")
    assert not AuditEvent.objects.filter(verb="protected_name.updated").exists()


def test_an_update_to_another_protected_name_is_refused(world, jane):
    other = services.protected_name_create(actor=world.alice, case=world.case_a, name="Tom Jones", role="witness")
    with pytest.raises(ValidationError) as error:
        services.protected_name_update(actor=world.alice, protected_name=other, name="jane alice SMITH")
    assert error.value.message_dict == {"name": ["This name is already protected on this case."]}
    other.refresh_from_db()
    assert other.name == "Tom Jones"


def test_a_delete_is_audited_by_id_and_role(world, jane):
    pk = jane.pk
    services.protected_name_delete(actor=world.alice, protected_name=jane)
    assert not ProtectedName.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(verb="protected_name.deleted")
    assert event.summary == {"id": pk, "role": "child"} and event.object_id == str(pk)
    assert "Jane" not in audit_text()


@pytest.mark.parametrize("who,restricted", [("leader_a", False), ("staff_a", False), ("bob", False),
                                             ("leader_a", True), ("carol", True)])
def test_only_the_cases_consultants_write_protected_names(world, who, restricted):
    """Carol consults for A but is not named on its restricted case."""
    case = world.restricted_a if restricted else world.case_a
    protected = services.protected_name_create(actor=world.alice, case=case, name="Jane Smith", role="child")
    actor = getattr(world, who)
    with pytest.raises(PermissionDenied):
        services.protected_name_create(actor=actor, case=case, name="Tom Jones", role="witness")
    with pytest.raises(PermissionDenied):
        services.protected_name_update(actor=actor, protected_name=protected, note="Changed")
    with pytest.raises(PermissionDenied):
        services.protected_name_delete(actor=actor, protected_name=protected)
    protected.refresh_from_db()
    assert ProtectedName.objects.count() == 1 and protected.note == ""


def test_the_consultancy_admin_keeps_them_too(world):
    services.protected_name_create(actor=world.admin, case=world.restricted_a, name="Tom Jones", role="witness")
    assert selectors.case_protected_names(user=world.admin, case=world.restricted_a).count() == 1


# Selectors and the scanner's names ---------------------------------------------------------------


def test_the_selector_gives_the_names_to_the_cases_consultants_only(world, jane):
    assert list(selectors.case_protected_names(user=world.alice, case=world.case_a)) == [jane]
    assert list(selectors.case_protected_names(user=world.carol, case=world.case_a)) == [jane]
    for who in ("leader_a", "staff_a", "bob"):
        assert not selectors.case_protected_names(user=getattr(world, who), case=world.case_a).exists()
    # Another case's names are not this case's.
    assert not selectors.case_protected_names(user=world.alice, case=world.restricted_a).exists()


def test_protected_names_for_gives_the_names_and_their_spellings_in_one_query(world, jane,
                                                                            django_assert_num_queries):
    services.protected_name_create(actor=world.alice, case=world.case_a, name="Tom Jones", role="witness",
                                   also_known_as="janey")
    services.protected_name_create(actor=world.alice, case=world.restricted_a, name="Other Case", role="other")
    with django_assert_num_queries(1):
        names = protected_names_for(world.case_a)
    assert sorted(names) == ["J Smith", "Jane Alice Smith", "Janey", "Tom Jones"]


def test_the_scanner_finds_a_cases_protected_names(world, jane):
    text = GuardText("risk:1:title", "Risk R-1", "title", "Janey and Smith, Jane told the DSL.")
    hits = scan([text], protected_names=protected_names_for(world.case_a), today=world.case_a.opened_on)
    assert [(hit.kind, hit.match) for hit in hits] == [("protected_name", "Janey"), ("protected_name", "Smith, Jane")]


# Pages -------------------------------------------------------------------------------------------


def test_the_page_lists_the_names_for_the_consultant(world, login, jane):
    response = login(world.alice).get(list_url(world.case_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jane Alice Smith" in body and "Janey<br>J Smith" in body and "Child or young person" in body
    assert "The child at the centre of the allegation." in body and "Alice Adams" in body
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(verb="protected_names.viewed", case=world.case_a, actor=world.alice).exists()


def test_the_page_says_when_there_is_no_name_yet(world, login):
    body = login(world.alice).get(list_url(world.case_a)).content.decode()
    assert "No names protected yet." in body


def test_a_consultant_protects_a_name_from_the_page(world, login):
    client = login(world.alice)
    response = client.post(list_url(world.case_a), {"name": "Tom Jones", "also_known_as": "Tommy\r\nTJ",
                                                     "role": "witness", "note": ""})
    assert response.status_code == 302 and response["Location"] == list_url(world.case_a)
    protected = ProtectedName.objects.get(case=world.case_a)
    assert (protected.name, protected.aliases, protected.role) == ("Tom Jones", ["Tommy", "TJ"], "witness")
    page = client.get(response["Location"]).content.decode()
    assert "The name is protected: reports of this case are checked for it." in page and "Tom Jones" in page


def test_an_empty_name_is_a_form_error_and_nothing_is_written(world, login):
    response = login(world.alice).post(list_url(world.case_a), {"name": "  ", "role": "child"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert not ProtectedName.objects.exists()


def test_a_duplicate_name_is_a_form_error(world, login, jane):
    response = login(world.alice).post(list_url(world.case_a), {"name": "jane alice smith", "role": "witness"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This name is already protected on this case."]}
    assert ProtectedName.objects.count() == 1


def test_a_consultant_edits_a_name(world, login, jane):
    client = login(world.alice)
    page = client.get(edit_url(jane)).content.decode()
    assert 'value="Jane Alice Smith"' in page and "Janey\nJ Smith</textarea>" in page
    response = client.post(edit_url(jane), {"name": "Jane Smith", "also_known_as": "", "role": "family",
                                            "note": ""})
    assert response.status_code == 302
    jane.refresh_from_db()
    assert (jane.name, jane.aliases, jane.role, jane.note) == ("Jane Smith", [], "family", "")


def test_a_refused_edit_shows_the_stored_name_and_changes_nothing(world, login, jane):
    services.protected_name_create(actor=world.alice, case=world.case_a, name="Tom Jones", role="witness")
    response = login(world.alice).post(edit_url(jane), {"name": "Tom Jones", "role": "child"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This name is already protected on this case."]}
    assert response.context["protected_name"].name == "Jane Alice Smith"
    jane.refresh_from_db()
    assert jane.name == "Jane Alice Smith"


def test_a_consultant_removes_a_name(world, login, jane):
    client = login(world.alice)
    response = client.post(delete_url(jane))
    assert response.status_code == 302
    assert not ProtectedName.objects.exists()
    assert "The name is no longer protected." in client.get(response["Location"]).content.decode()


def test_leaders_and_staff_are_refused_every_page_before_a_name_is_read(world, login, jane):
    """They see the case, so the answer is 403 (as for staff on the engagement pages) — the same for a
    name that exists and one that does not, so it tells them nothing."""
    for who in ("leader_a", "staff_a"):
        client = login(getattr(world, who))
        for response in (
            client.get(list_url(world.case_a)),
            client.post(list_url(world.case_a), {"name": "Tom Jones", "role": "witness"}),
            client.get(edit_url(jane)),
            client.post(edit_url(jane), {"name": "Tom Jones", "role": "witness"}),
            client.post(delete_url(jane)),
            client.get(reverse("crisis:protected_name_edit", kwargs={"reference": world.case_a.reference,
                                                                     "pk": jane.pk + 1000})),
        ):
            assert response.status_code == 403, who
            body = response.content.decode()
            assert "Protected names are kept by the case&#x27;s consultants" in body
            assert "Jane" not in body
    jane.refresh_from_db()
    assert ProtectedName.objects.count() == 1 and jane.name == "Jane Alice Smith"
    assert not AuditEvent.objects.filter(verb="protected_names.viewed").exists()
    # A leader sees the restricted case, and is refused its names too.
    assert login(world.leader_a).get(list_url(world.restricted_a)).status_code == 403


def test_a_name_is_found_only_under_its_own_case(world, login, jane):
    client = login(world.alice)
    assert client.get(edit_url(jane, case=world.restricted_a)).status_code == 404
    assert client.post(reverse("crisis:protected_name_delete", kwargs={"reference": world.restricted_a.reference,
                                                                       "pk": jane.pk})).status_code == 404
    assert client.get(reverse("crisis:protected_name_edit", kwargs={"reference": world.case_a.reference,
                                                                    "pk": HUGE})).status_code == 404
    assert ProtectedName.objects.count() == 1


def test_the_case_page_links_the_names_for_consultants_only(world, login, jane):
    page = login(world.alice).get(world.case_a.get_absolute_url()).content.decode()
    assert list_url(world.case_a) in page and "1 name kept out of this case's reports." in page
    for who in ("leader_a", "staff_a"):
        page = login(getattr(world, who)).get(world.case_a.get_absolute_url()).content.decode()
        assert list_url(world.case_a) not in page and "Protected names" not in page


def test_the_page_runs_the_same_number_of_queries_for_few_and_many_names(world, login):
    client = login(world.alice)
    url = list_url(world.case_a)

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            services.protected_name_create(actor=world.alice if n % 2 else world.carol, case=world.case_a,
                                           name=f"Person Number{n}", role="witness", also_known_as=f"Nick{n}")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    add(5, 0)
    client.get(url)  # warm caches (content types, session)
    few = queries()
    add(45, 5)
    assert queries() == few
    assert "Person Number49" in client.get(url).content.decode()


# API ---------------------------------------------------------------------------------------------


def test_the_api_lists_a_cases_names_for_its_consultant(world, jane):
    response = api(world.alice).get(api_list_url(world.case_a))
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["id"] == jane.pk and row["name"] == "Jane Alice Smith"
    assert row["also_known_as"] == ["Janey", "J Smith"]
    assert (row["role"], row["role_label"]) == ("child", "Child or young person")
    assert row["created_by"] == {"id": world.alice.pk, "full_name": "Alice Adams"}
    assert AuditEvent.objects.filter(verb="protected_names.viewed", summary={"via": "api"}).exists()


def test_the_api_protects_a_name(world):
    response = api(world.alice).post(api_list_url(world.case_a), {
        "name": "Tom Jones", "also_known_as": ["Tommy", "TJ"], "role": "witness", "note": "Saw the messages.",
    }, format="json")
    assert response.status_code == 201
    assert response.json()["also_known_as"] == ["Tommy", "TJ"]
    protected = ProtectedName.objects.get(case=world.case_a)
    assert (protected.name, protected.aliases, protected.note) == ("Tom Jones", ["Tommy", "TJ"], "Saw the messages.")


@pytest.mark.parametrize("body,field", [
    ({"name": "", "role": "child"}, "name"),
    ({"name": "   ", "role": "child"}, "name"),
    ({"role": "child"}, "name"),
    ({"name": "J", "role": "child"}, "name"),
    ({"name": "Tom Jones", "role": "pupil"}, "role"),
    ({"name": "Tom Jones"}, "role"),
    ({"name": "Tom Jones", "role": "child", "also_known_as": "Tommy"}, "also_known_as"),
    ({"name": "Tom Jones", "role": "child", "also_known_as": ["T"]}, "also_known_as"),
    ({"name": "x" * 201, "role": "child"}, "name"),
])
def test_the_api_answers_bad_input_with_a_400_and_writes_nothing(world, body, field):
    response = api(world.alice).post(api_list_url(world.case_a), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ProtectedName.objects.exists()


def test_the_api_refuses_a_duplicate_in_words(world, jane):
    response = api(world.alice).post(api_list_url(world.case_a), {"name": "JANE ALICE SMITH", "role": "child"},
                                     format="json")
    assert response.status_code == 400
    assert response.json() == {"name": ["This name is already protected on this case."]}
    assert ProtectedName.objects.count() == 1


def test_the_api_reads_changes_and_removes_one_name(world, jane):
    client = api(world.alice)
    assert client.get(api_detail_url(jane)).json()["name"] == "Jane Alice Smith"
    response = client.patch(api_detail_url(jane), {"note": "Moved school.", "also_known_as": []}, format="json")
    assert response.status_code == 200
    assert response.json()["note"] == "Moved school." and response.json()["also_known_as"] == []
    jane.refresh_from_db()
    assert (jane.name, jane.also_known_as, jane.note) == ("Jane Alice Smith", "", "Moved school.")
    assert client.patch(api_detail_url(jane), {}, format="json").json() == {
        "detail": ["Send at least one field to change."]
    }
    assert client.delete(api_detail_url(jane)).status_code == 204
    assert not ProtectedName.objects.exists()
    assert client.get(api_detail_url(jane)).status_code == 404


def test_the_api_refuses_leaders_and_staff_with_403_and_others_with_404(world, jane):
    before = AuditEvent.objects.count()
    for who, expected in (("leader_a", 403), ("staff_a", 403), ("bob", 404), ("leader_b", 404)):
        client = api(getattr(world, who))
        responses = [
            client.get(api_list_url(world.case_a)),
            client.post(api_list_url(world.case_a), {"name": "Tom Jones", "role": "witness"}, format="json"),
            client.get(api_detail_url(jane)),
            client.patch(api_detail_url(jane), {"name": "Tom Jones"}, format="json"),
            client.delete(api_detail_url(jane)),
        ]
        assert [r.status_code for r in responses] == [expected] * 5, who
        assert not any("Jane" in r.content.decode() for r in responses)
    jane.refresh_from_db()
    assert ProtectedName.objects.count() == 1 and jane.name == "Jane Alice Smith"
    assert AuditEvent.objects.count() == before


def test_the_api_list_runs_the_same_number_of_queries_for_few_and_many_names(world):
    client = api(world.alice)
    url = api_list_url(world.case_a)

    def add(count: int, start: int) -> None:
        for n in range(start, start + count):
            services.protected_name_create(actor=world.alice if n % 2 else world.carol, case=world.case_a,
                                           name=f"Person Number{n}", role="witness")

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        return len(ctx.captured_queries), len(response.json()["results"])

    add(3, 0)
    few, few_rows = queries()
    add(20, 3)
    many, many_rows = queries()
    assert (few_rows, many_rows) == (3, 23)
    assert many == few
