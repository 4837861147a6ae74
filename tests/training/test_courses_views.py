"""The courses pages: consultants and leaders use them, staff get 403, another organisation 404;
the register's query count does not grow with the staff list."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent
from training import services
from training.models import Course, CourseKind, Person, Session, TrainingRecord

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


@pytest.fixture
def world(shared_world):
    return shared_world


def _course(world):
    return services.course_create(actor=world.alice, organisation=world.org_a, title="Whole-staff safeguarding",
                                  kind=CourseKind.SAFEGUARDING)


def _people(org, n):
    return Person.objects.bulk_create([Person(organisation=org, full_name=f"Person {i:03}") for i in range(n)])


def test_the_course_list_shows_courses_and_what_they_satisfy(world, login):
    _course(world)
    for user in (world.alice, world.leader_a):
        response = login(user).get(reverse("training:course_list", args=[world.org_a.pk]))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Whole-staff safeguarding" in body and "Safeguarding and child protection training" in body


def test_staff_get_403_and_another_organisation_404(world, login):
    course = _course(world)
    url = reverse("training:course_detail", args=[world.org_a.pk, course.pk])
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.leader_b).get(url).status_code == 404
    assert login(world.bob).get(url).status_code == 404
    # The organisation's own URL with another organisation's course: 404 too.
    assert login(world.bob).get(reverse("training:course_detail", args=[world.org_b.pk, course.pk])).status_code == 404


def test_a_course_is_added_with_its_suggested_requirements(world, login):
    response = login(world.leader_a).post(reverse("training:course_create", args=[world.org_a.pk]), {
        "title": "DSL refresher", "kind": CourseKind.DSL, "internal": "on"})
    course = Course.objects.get(title="DSL refresher")
    assert response.status_code == 302
    assert [r.key for r in course.satisfies.all()] == ["dsl_training"]


def test_a_session_in_the_past_is_added_and_can_be_planned_for_an_action(world, login):
    from response import services as response_services

    course = _course(world)
    action = response_services.action_create(actor=world.alice, case=world.case_a, due_on=TODAY,
                                              title="Deliver whole-staff safeguarding training")
    url = reverse("training:course_detail", args=[world.org_a.pk, course.pk])
    page = login(world.alice).get(url + f"?action={action.pk}")
    assert f'<option value="{action.pk}" selected' in page.content.decode()
    response = login(world.alice).post(url, {"date": "2023-09-04", "trainer": "Tom Trainer", "action": action.pk})
    session = Session.objects.get(course=course)
    assert response.status_code == 302 and session.date == dt.date(2023, 9, 4) and session.action == action


def test_the_register_saves_in_one_post_and_says_what_happened_to_the_action(world, login):
    from response import services as response_services

    people = _people(world.org_a, 2)
    action = response_services.action_create(actor=world.alice, case=world.case_a, due_on=TODAY,
                                              title="Deliver whole-staff safeguarding training")
    session = services.session_create(actor=world.alice, course=_course(world), date=TODAY, action=action)
    url = reverse("training:session_detail", args=[world.org_a.pk, session.pk])
    response = login(world.leader_a).post(url, {f"mark-{people[0].pk}": "attended",
                                                f"mark-{people[1].pk}": "absent"}, follow=True)
    body = response.content.decode()
    assert "1 attended" in body and "is now 50% done" in body
    assert TrainingRecord.objects.filter(session=session).count() == 2


def test_a_refused_register_shows_why_and_writes_nothing(world, login):
    people = _people(world.org_a, 2)
    session = services.session_create(actor=world.alice, course=_course(world), date=TODAY, capacity=1)
    url = reverse("training:session_detail", args=[world.org_a.pk, session.pk])
    response = login(world.alice).post(url, {f"mark-{p.pk}": "attended" for p in people})
    assert response.status_code == 400 and "the session holds 1" in response.content.decode()
    assert not TrainingRecord.objects.filter(session=session).exists()


def test_a_certificate_is_uploaded_and_only_its_person_and_keepers_download_it(world, login):
    person = Person.objects.create(organisation=world.org_a, full_name="Sam Staff", user=world.staff_a)
    other = Person.objects.create(organisation=world.org_a, full_name="Olive Other")
    url = reverse("training:certificate_create", args=[world.org_a.pk, person.pk])
    response = login(world.alice).post(url, {"new_title": "DSL course", "new_kind": CourseKind.DSL,
                                             "completed_on": "2025-01-10", "file": SimpleUploadedFile("c.pdf", PDF)})
    assert response.status_code == 302
    record = TrainingRecord.objects.get(person=person)
    assert record.expires_on == dt.date(2027, 1, 10)
    file_url = reverse("training:record_file", args=[world.org_a.pk, record.pk])
    own = login(world.staff_a).get(file_url)
    assert own.status_code == 200 and b"".join(own.streaming_content) == PDF
    assert AuditEvent.objects.filter(verb="training.certificate_downloaded", summary__sha256=record.sha256).exists()
    theirs = services.certificate_record(actor=world.alice, person=other, course=record.course,
                                         completed_on=TODAY, uploaded_file=SimpleUploadedFile("o.pdf", PDF))
    assert login(world.staff_a).get(
        reverse("training:record_file", args=[world.org_a.pk, theirs.pk])).status_code == 404
    assert login(world.leader_b).get(file_url).status_code == 404


def test_a_certificate_of_the_wrong_type_is_refused_on_the_page(world, login):
    person = Person.objects.create(organisation=world.org_a, full_name="Pat")
    url = reverse("training:certificate_create", args=[world.org_a.pk, person.pk])
    response = login(world.alice).post(url, {"new_title": "X", "completed_on": "2025-01-10",
                                             "file": SimpleUploadedFile("c.pdf", b"MZ\x90 not a pdf")})
    assert response.status_code == 400 and "does not contain what its name says" in response.content.decode()
    assert not TrainingRecord.objects.filter(person=person).exists()


def test_expiry_is_edited_but_not_before_completion_and_a_record_deleted(world, login):
    person = Person.objects.create(organisation=world.org_a, full_name="Pat")
    record = services.certificate_record(actor=world.alice, person=person, course=_course(world),
                                         completed_on=dt.date(2025, 1, 10))
    url = reverse("training:record_detail", args=[world.org_a.pk, record.pk])
    refused = login(world.leader_a).post(url, {"expires_on": "2025-01-01"})
    assert refused.status_code == 400 and "cannot be before" in refused.content.decode()
    assert login(world.leader_a).post(url, {"expires_on": "2026-01-01"}).status_code == 302
    record.refresh_from_db()
    assert record.expires_on == dt.date(2026, 1, 1)
    login(world.leader_a).post(reverse("training:record_delete", args=[world.org_a.pk, record.pk]))
    assert not TrainingRecord.objects.filter(pk=record.pk).exists()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_course_list_and_the_register_take_as_many_queries_for_5_as_for_60(world, login):
    client = login(world.alice)
    course = _course(world)
    session = services.session_create(actor=world.alice, course=course, date=TODAY)
    list_url = reverse("training:course_list", args=[world.org_a.pk])
    register_url = reverse("training:session_detail", args=[world.org_a.pk, session.pk])

    def grow(n):
        people = _people(world.org_a, n)
        services.attendance_save(actor=world.alice, session=session, marks={p.pk: "attended" for p in people})
        for i in range(n // 5):
            c = services.course_create(actor=world.alice, organisation=world.org_a, title=f"Course {i}",
                                       kind=CourseKind.SAFEGUARDING_UPDATE)
            services.session_create(actor=world.alice, course=c, date=TODAY)

    grow(5)
    small = (_count(client, list_url), _count(client, register_url))
    grow(55)
    assert (_count(client, list_url), _count(client, register_url)) == small


def test_an_open_action_offers_a_training_session_that_delivers_it(world, login):
    """From the action's page to the course list, and from a course to its session form with the
    action chosen; staff are not offered it."""
    import datetime as dt

    from django.urls import reverse

    from response import services as response_services
    from training import services as training_services

    action = response_services.action_create(actor=world.alice, case=world.case_a, title="Whole-staff training",
                                             owner=world.staff_a, due_on=dt.date.today() + dt.timedelta(days=20))
    course = training_services.course_create(actor=world.alice, organisation=world.org_a,
                                             title="Safeguarding for all staff", kind="safeguarding")
    page = login(world.alice).get(action.get_absolute_url()).content.decode()
    link = reverse("training:course_list", args=[world.org_a.pk]) + f"?action={action.pk}"
    assert link in page
    listing = login(world.alice).get(link).content.decode()
    assert "Whole-staff training" in listing
    to_course = reverse("training:course_detail", args=[world.org_a.pk, course.pk]) + f"?action={action.pk}"
    assert to_course in listing
    form = login(world.alice).get(to_course).content.decode()
    assert f'<option value="{action.pk}" selected>' in form
    staff_page = login(world.staff_a).get(action.get_absolute_url())  # she owns the action, sees its page
    assert staff_page.status_code == 200 and link not in staff_page.content.decode()
