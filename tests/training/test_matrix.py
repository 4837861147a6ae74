"""The training matrix: one rule for every cell, coverage over everyone, filters, a fixed number of
queries, the pages by role, the CSV, the panels and "My training"."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent
from training import selectors
from training.models import Person, Requirement, TrainingRecord

from .matrix_helpers import course_for, person, record, requirement, role

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)
ANNUAL = "safeguarding_update"  # everyone, renewed every 12 months


@pytest.fixture
def world(shared_world):
    return shared_world


def _cell(world, who, key: str, today=TODAY):
    grid = selectors.training_matrix(user=world.alice, organisation=world.org_a, today=today, page_size=None)
    index = [r.key for r in grid.requirements].index(key)
    row = next(row for row in grid.rows if row["person"]["id"] == who.pk)
    return row["cells"][index]


@pytest.mark.parametrize(("completed", "status"), [
    (dt.date(2026, 3, 1), "current"),  # expires 1 Mar 2027: more than 60 days away
    (dt.date(2026, 1, 15), "expiring"),  # expires 15 Jan 2027: within 60 days
    (dt.date(2025, 12, 1), "expiring"),  # expires today: still in date today
    (dt.date(2025, 11, 30), "expired"),  # expired yesterday
])
def test_each_status_follows_the_renewal_period(world, completed, status):
    annual = requirement(world.org_a, ANNUAL)
    who = person(world.org_a, "Ann Annual")
    record(who, course_for(world.org_a, annual), completed, by=world.alice)
    cell = _cell(world, who, ANNUAL)
    assert cell.status == status and cell.expires_on == annual.expiry_after(completed)


def test_no_counting_record_is_missing_and_a_requirement_of_another_role_does_not_apply(world):
    who = person(world.org_a, "Ned New")
    assert _cell(world, who, ANNUAL).status == "missing"
    assert _cell(world, who, "dsl_training").status == "na"
    dsl = person(world.org_a, "Dee Dsl", roles=[role(world.org_a, "dsl")])
    assert _cell(world, dsl, "dsl_training").status == "missing"


def test_training_taken_once_never_expires(world):
    once = requirement(world.org_a, ANNUAL)
    Requirement.objects.filter(pk=once.pk).update(renewal_months=None)
    who = person(world.org_a, "Olive Once")
    record(who, course_for(world.org_a, once), dt.date(2010, 5, 1), by=world.alice)
    cell = _cell(world, who, ANNUAL)
    assert cell.status == "current" and cell.expires_on is None


def test_reading_kcsie_lasts_until_the_next_september(world):
    kcsie = requirement(world.org_a, "kcsie_read")
    course = course_for(world.org_a, kcsie)
    read_this_year, read_last_year = person(world.org_a, "Tess This"), person(world.org_a, "Lars Last")
    record(read_this_year, course, dt.date(2026, 9, 3), by=world.alice)
    record(read_last_year, course, dt.date(2026, 6, 30), by=world.alice)
    assert _cell(world, read_this_year, "kcsie_read").expires_on == dt.date(2027, 9, 1)
    assert _cell(world, read_this_year, "kcsie_read").status == "current"
    assert _cell(world, read_last_year, "kcsie_read").status == "expired"


def test_partial_attendance_and_absence_do_not_count(world):
    annual = requirement(world.org_a, ANNUAL)
    course = course_for(world.org_a, annual)
    who = person(world.org_a, "Pat Partial")
    record(who, course, dt.date(2026, 10, 1), by=world.alice, attendance=TrainingRecord.Attendance.PARTIAL)
    record(who, course, dt.date(2026, 11, 1), by=world.alice, attendance=TrainingRecord.Attendance.ABSENT)
    record(who, course, None, by=world.alice)  # booked, not completed
    assert _cell(world, who, ANNUAL).status == "missing"


def test_a_course_that_does_not_satisfy_the_requirement_does_not_count(world):
    who = person(world.org_a, "Una Unrelated")
    record(who, course_for(world.org_a, requirement(world.org_a, "kcsie_read")), dt.date(2026, 11, 1), by=world.alice)
    assert _cell(world, who, ANNUAL).status == "missing"


def test_an_explicit_expiry_wins_and_the_latest_expiring_record_decides(world):
    annual = requirement(world.org_a, ANNUAL)
    course = course_for(world.org_a, annual)
    who = person(world.org_a, "Eve Explicit")
    record(who, course, dt.date(2026, 11, 1), by=world.alice, expires_on=dt.date(2026, 12, 20))
    assert _cell(world, who, ANNUAL).status == "expiring"  # not 1 Nov 2027: the record says so
    record(who, course, dt.date(2025, 1, 1), by=world.alice, expires_on=dt.date(2028, 1, 1))
    cell = _cell(world, who, ANNUAL)
    assert cell.status == "current" and cell.expires_on == dt.date(2028, 1, 1)


def test_leavers_are_left_out_of_the_matrix_and_the_coverage(world):
    person(world.org_a, "Leo Left", leaver_date=TODAY)
    person(world.org_a, "Lea Leaving", leaver_date=TODAY + dt.timedelta(days=1))
    grid = selectors.training_matrix(user=world.alice, organisation=world.org_a, today=TODAY)
    assert [row["person"]["full_name"] for row in grid.rows] == ["Lea Leaving"]
    assert grid.people_count == 1


def test_coverage_counts_every_current_person_not_only_the_page(world):
    annual = requirement(world.org_a, ANNUAL)
    course = course_for(world.org_a, annual)
    people = [person(world.org_a, f"Person {n:02}") for n in range(60)]
    for who in people[:45]:
        record(who, course, dt.date(2026, 6, 1), by=world.alice)
    for who in people[45:48]:
        record(who, course, dt.date(2026, 1, 10), by=world.alice)  # expiring
    grid = selectors.training_matrix(user=world.alice, organisation=world.org_a, today=TODAY, page=2)
    assert len(grid.rows) == 10 and grid.page.number == 2
    cover = {r.key: c for r, c in grid.coverage}[ANNUAL]
    assert cover.counts == {"current": 45, "expiring": 3, "expired": 0, "missing": 12}
    assert cover.percent == 80  # 48 of 60
    # Overall: every applicable cell of the everyone-requirements (three of them) for 60 people.
    assert grid.overall.applicable == 180 and grid.overall.in_date == 48 and grid.overall.percent == 26


def test_filters_by_role_and_department(world):
    dsl = role(world.org_a, "dsl")
    person(world.org_a, "Dee Dsl", roles=[dsl], department="Pastoral")
    person(world.org_a, "Sue Science", department="Science")
    person(world.org_a, "Pam Pastoral", department="Pastoral")
    names = lambda **filters: [row["person"]["full_name"] for row in selectors.training_matrix(  # noqa: E731
        user=world.alice, organisation=world.org_a, today=TODAY, **filters).rows]
    assert names(role=dsl.pk) == ["Dee Dsl"]
    assert names(department="Pastoral") == ["Dee Dsl", "Pam Pastoral"]
    assert names(role=dsl.pk, department="Science") == []
    client_names = lambda client, query: [  # noqa: E731
        row["person"]["full_name"] for row in client.get(
            reverse("training:matrix", args=[world.org_a.pk]), query).context["matrix"].rows]
    from django.test import Client
    client = Client()
    client.force_login(world.leader_a)
    assert client_names(client, {"department": "Science"}) == ["Sue Science"]


def _populate(world, count: int) -> None:
    requirements = list(Requirement.objects.filter(organisation=world.org_a))
    assert len(requirements) == 8
    courses = [course_for(world.org_a, r) for r in requirements]
    roles = [role(world.org_a, key) for key in ("dsl", "deputy_dsl", "governor", "recruitment_panel")]
    people = Person.objects.bulk_create(
        Person(organisation=world.org_a, full_name=f"Person {n:03}", department=("Science", "Arts")[n % 2])
        for n in range(count))
    Person.roles.through.objects.bulk_create(
        Person.roles.through(person_id=who.pk, staffrole_id=roles[n % 4].pk) for n, who in enumerate(people))
    TrainingRecord.objects.bulk_create(
        TrainingRecord(organisation=world.org_a, person=who, course=courses[(n + k) % 8], recorded_by=world.alice,
                       completed_on=TODAY - dt.timedelta(days=30 * ((n + k) % 30)))
        for n, who in enumerate(people) for k in range(3))


@pytest.mark.parametrize("name", ["training:matrix", "training:matrix_csv", "api-training-matrix"])
def test_the_matrix_reads_the_same_number_of_queries_for_10_and_400_people(world, login, name):
    client = login(world.alice)
    url = reverse(name, args=[world.org_a.pk])
    counts = []
    for count in (10, 390):
        _populate(world, count)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_panels_read_the_same_number_of_queries_for_10_and_400_people(world, login):
    client = login(world.alice)
    counts = []
    for count in (10, 390):
        _populate(world, count)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("crisis:dashboard"))
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# Pages by role ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["alice", "leader_a"])
def test_consultants_and_leaders_see_everyone_with_words_in_every_cell(world, login, who):
    annual = requirement(world.org_a, ANNUAL)
    sam = person(world.org_a, "Sam Staff", user=world.staff_a)
    record(sam, course_for(world.org_a, annual), timezone.localdate() - dt.timedelta(days=400), by=world.alice)
    person(world.org_a, "Mo Missing")
    response = login(getattr(world, who)).get(reverse("training:matrix", args=[world.org_a.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sam Staff" in page and "Mo Missing" in page
    assert 'data-status="expired">Expired' in page and 'data-status="missing">Missing' in page
    assert 'data-status="na">Not required' in page
    assert '<svg class="chart coverage"' in page and 'aria-current="page">Matrix' in page


def test_staff_are_refused_the_matrix_and_another_organisation_is_not_found(world, login):
    url = reverse("training:matrix", args=[world.org_a.pk])
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.staff_a).get(reverse("training:matrix_csv", args=[world.org_a.pk])).status_code == 403
    assert login(world.bob).get(url).status_code == 404
    assert login(world.leader_b).get(reverse("api-training-matrix", args=[world.org_a.pk])).status_code == 404
    assert login(world.staff_a).get(reverse("api-training-matrix", args=[world.org_a.pk])).status_code == 403


def test_my_training_shows_only_my_own_requirements_and_what_to_do_next(world, login):
    annual = requirement(world.org_a, ANNUAL)
    course = course_for(world.org_a, annual)
    sam = person(world.org_a, "Sam Staff", user=world.staff_a)
    other = person(world.org_a, "Olga Other")
    record(sam, course, dt.date(2025, 10, 3), by=world.alice)
    record(other, course, dt.date(2026, 10, 3), by=world.alice)
    entries = selectors.my_training(world.staff_a, today=TODAY)
    assert [e["person"]["id"] for e in entries] == [sam.pk]
    assert entries[0]["to_do"][0]["next_step"] == "Book: Safeguarding update (at least annually) — expired 3 Oct 2026"
    assert {item["requirement"].key for item in entries[0]["items"]} == {
        "safeguarding_induction", "safeguarding_update", "kcsie_read"}
    page = login(world.staff_a).get(reverse("training:my_training")).content.decode()
    assert "Book: Safeguarding update (at least annually)" in page and "Olga Other" not in page


def test_my_training_explains_kindly_when_no_one_on_a_staff_list_is_me(world, login):
    response = login(world.staff_b).get(reverse("training:my_training"))
    assert response.status_code == 200
    assert "not linked to anyone on a staff list" in response.content.decode()


# The CSV ----------------------------------------------------------------------------------------


def test_the_csv_lists_everyone_safely_and_is_audited(world, login):
    annual = requirement(world.org_a, ANNUAL)
    for n in range(55):
        person(world.org_a, f"Person {n:02}")
    evil = person(world.org_a, "=HYPERLINK(\"http://x\")", department="@Science")
    record(evil, course_for(world.org_a, annual), timezone.localdate(), by=world.alice)
    response = login(world.leader_a).get(reverse("training:matrix_csv", args=[world.org_a.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 56  # every person, not one page
    header = rows[0]
    assert header[:3] == ["name", "email", "department"] and "Safeguarding update (at least annually)" in header
    row = next(r for r in rows if "HYPERLINK" in r[0])
    assert row[0].startswith("'=") and row[2] == "'@Science"
    assert row[header.index("Safeguarding update (at least annually)")] == "Current"
    event = AuditEvent.objects.filter(verb="training_matrix.downloaded").latest("id")
    assert event.organisation_id == world.org_a.pk and event.summary["rows"] == 56


# The panels --------------------------------------------------------------------------------------


def test_the_panel_shows_the_coverage_on_the_dashboard_home_and_case_page_but_not_to_staff(world, login):
    annual = requirement(world.org_a, ANNUAL)
    who = person(world.org_a, "Ivy Expiring")
    record(who, course_for(world.org_a, annual), timezone.localdate() - dt.timedelta(days=340), by=world.alice)
    matrix_url = reverse("training:matrix", args=[world.org_a.pk])
    summary = selectors.coverage_summary(world.org_a)
    assert summary["expiring"] == 1 and summary["applicable"] == 3
    for user, url in ((world.alice, reverse("crisis:dashboard")), (world.leader_a, reverse("crisis:client_home")),
                      (world.alice, world.case_a.get_absolute_url())):
        page = login(user).get(url).content.decode()
        assert f'href="{matrix_url}"' in page and "Training: 33% in date</a>; 1 expires within 60 days" in page, url
    page = login(world.staff_a).get(world.case_a.get_absolute_url()).content.decode()
    assert matrix_url not in page


def test_expiring_soon_lists_the_soonest_first_for_those_who_keep_the_training(world):
    annual = requirement(world.org_a, ANNUAL)
    course = course_for(world.org_a, annual)
    late, soon = person(world.org_a, "Late Larry"), person(world.org_a, "Soon Sue")
    record(late, course, dt.date(2026, 1, 20), by=world.alice)
    record(soon, course, dt.date(2025, 12, 10), by=world.alice)
    found = selectors.expiring_soon(world.alice, world.org_a, today=TODAY)
    assert [(f["person"]["full_name"], f["expires_on"]) for f in found] == [
        ("Soon Sue", dt.date(2026, 12, 10)), ("Late Larry", dt.date(2027, 1, 20))]
    assert selectors.expiring_soon(world.staff_a, world.org_a, today=TODAY) == []


def test_the_api_pages_the_people_and_gives_the_coverage(world, login):
    for n in range(52):
        person(world.org_a, f"Person {n:02}")
    data = login(world.leader_a).get(reverse("api-training-matrix", args=[world.org_a.pk]), {"page": 2}).json()
    assert data["count"] == 52 and data["page"] == 2 and data["pages"] == 2 and len(data["results"]) == 2
    assert len(data["requirements"]) == 8 and len(data["results"][0]["cells"]) == 8
    assert data["overall"]["missing"] == 52 * 3 and data["overall"]["percent"] == 0
    assert {c["status"] for c in data["results"][0]["cells"]} == {"missing", "na"}


def test_the_organisation_page_leads_keepers_into_its_training_and_shows_staff_nothing(world, login):
    from django.urls import reverse

    url = reverse("crisis:organisation_detail", args=[world.org_a.pk])
    for keeper in (world.alice, world.leader_a):
        page = login(keeper).get(url).content.decode()
        assert 'id="org-training"' in page and reverse("training:people_list", args=[world.org_a.pk]) in page
        assert reverse("training:matrix", args=[world.org_a.pk]) in page
    staff = login(world.staff_a).get(url)
    assert staff.status_code == 200 and 'id="org-training"' not in staff.content.decode()


def test_the_case_page_names_the_first_certificates_to_expire(world, login):
    import datetime as dt

    from training import services as training_services

    person = training_services.person_create(actor=world.alice, organisation=world.org_a, full_name="Dana Expiring")
    course = training_services.course_create(actor=world.alice, organisation=world.org_a, title="Update",
                                             kind="safeguarding_update")
    training_services.certificate_record(actor=world.alice, person=person, course=course,
                                         completed_on=dt.date.today() - dt.timedelta(days=330))
    page = login(world.alice).get(world.case_a.get_absolute_url()).content.decode()
    assert "Dana Expiring — Safeguarding update (at least annually): expires" in page
    assert "Dana Expiring" not in login(world.staff_a).get(world.case_a.get_absolute_url()).content.decode()
