"""Courses, sessions, the attendance register and certificates: the expiry rule, all-or-nothing
saves, and the action a session delivers moved on through the response plan's own service."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from crisis.models import AuditEvent
from response import services as response_services
from response.models import Action
from training import selectors, services
from training.models import CourseKind, Person, Requirement, StaffRole, TrainingRecord

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


@pytest.fixture
def world(shared_world):
    return shared_world


def _stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _people(org, n, **kwargs):
    return [Person.objects.create(organisation=org, full_name=f"Person {i:03}", **kwargs) for i in range(n)]


def _course(world, kind=CourseKind.SAFEGUARDING, **kwargs):
    return services.course_create(actor=world.alice, organisation=world.org_a, title="Whole-staff safeguarding",
                                  kind=kind, **kwargs)


def _session(world, course=None, **kwargs):
    return services.session_create(actor=world.alice, course=course or _course(world),
                                   date=kwargs.pop("date", TODAY - dt.timedelta(days=3)), **kwargs)


def test_a_new_course_satisfies_the_requirements_of_its_kind(world):
    course = _course(world)
    assert [r.key for r in course.satisfies.all()] == ["safeguarding_induction"]
    assert AuditEvent.objects.filter(verb="training.course_created", object_id=str(course.pk)).exists()


def test_a_course_cannot_satisfy_another_organisations_requirement(world):
    foreign = Requirement.objects.filter(organisation=world.org_b).first()
    with pytest.raises(ValidationError):
        _course(world, satisfies=[foreign])


def test_staff_may_not_create_courses(world):
    with pytest.raises(PermissionDenied):
        services.course_create(actor=world.staff_a, organisation=world.org_a, title="X", kind=CourseKind.OTHER)


def test_expiry_is_the_earliest_of_the_requirements_the_course_satisfies(world):
    requirements = Requirement.objects.filter(organisation=world.org_a, key__in=["safeguarding_induction",
                                                                                 "safeguarding_update", "kcsie_read"])
    course = _course(world, satisfies=requirements)
    done = dt.date(2025, 3, 10)
    # 36 months, 12 months and the next 1 September: the earliest wins.
    assert selectors.course_expiry(course=course, completed_on=done) == dt.date(2025, 9, 1)
    never = _course(world, kind=CourseKind.OTHER)
    assert selectors.course_expiry(course=never, completed_on=done) is None


def test_the_register_is_saved_in_one_go_with_each_record_expiring_by_the_rule(world):
    people = _people(world.org_a, 3)
    session = _session(world, date=dt.date(2024, 1, 15))
    result = services.attendance_save(actor=world.leader_a, session=session, marks={
        people[0].pk: "attended", people[1].pk: "partial", people[2].pk: "absent"})
    assert (result["attended"], result["partial"], result["absent"]) == (1, 1, 1)
    records = {r.person_id: r for r in TrainingRecord.objects.filter(session=session)}
    assert records[people[0].pk].completed_on == dt.date(2024, 1, 15)
    assert records[people[0].pk].expires_on == dt.date(2027, 1, 15)
    assert records[people[0].pk].counts and not records[people[1].pk].counts
    assert AuditEvent.objects.filter(verb="training.attendance_saved", object_id=str(session.pk)).count() == 1
    # Saving again changes marks and clears the one left unrecorded.
    services.attendance_save(actor=world.leader_a, session=session, marks={people[1].pk: "attended",
                                                                           people[2].pk: ""})
    assert sorted(TrainingRecord.objects.filter(session=session).values_list("attendance", flat=True)) == [
        "attended", "attended"]


def test_capacity_refuses_the_whole_register_and_writes_nothing(world):
    people = _people(world.org_a, 3)
    session = _session(world, capacity=2)
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="holds 2"):
        services.attendance_save(actor=world.alice, session=session,
                                 marks={p.pk: "attended" for p in people})
    assert not TrainingRecord.objects.filter(session=session).exists()
    assert AuditEvent.objects.count() == audits
    # Absent people take no place.
    services.attendance_save(actor=world.alice, session=session, marks={
        people[0].pk: "attended", people[1].pk: "partial", people[2].pk: "absent"})


def test_attendance_after_leaving_is_refused_and_nothing_is_written(world):
    stayer, leaver = _people(world.org_a, 2)
    leaver.leaver_date = TODAY - dt.timedelta(days=10)
    leaver.save()
    session = _session(world, date=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="left on"):
        services.attendance_save(actor=world.alice, session=session,
                                 marks={stayer.pk: "attended", leaver.pk: "attended"})
    assert not TrainingRecord.objects.filter(session=session).exists()
    assert leaver not in selectors.register_people(session=session)


def test_another_organisations_person_is_refused(world):
    foreign = _people(world.org_b, 1)[0]
    session = _session(world)
    with pytest.raises(ValidationError):
        services.attendance_save(actor=world.alice, session=session, marks={foreign.pk: "attended"})


def test_a_session_delivering_an_action_moves_its_progress_through_the_response_plan(world):
    people = _people(world.org_a, 4)
    action = response_services.action_create(actor=world.alice, case=world.case_a, due_on=TODAY,
                                              title="Deliver whole-staff safeguarding training")
    session = _session(world, action=action)
    result = services.attendance_save(actor=world.leader_a, session=session, marks={
        people[0].pk: "attended", people[1].pk: "attended", people[2].pk: "partial", people[3].pk: "absent"})
    action = Action.objects.get(pk=action.pk)
    assert result["action_progress"] == 50 and action.progress == 50
    assert action.status == Action.Status.IN_PROGRESS
    assert action.events.filter(verb="progress").exists()


def test_a_session_cannot_deliver_another_organisations_action(world):
    action = response_services.action_create(actor=world.bob, case=world.case_b, due_on=TODAY, title="Train")
    with pytest.raises(ValidationError):
        _session(world, action=action)


def test_a_certificate_is_recorded_with_its_file_hash_and_expiry(world):
    person = _people(world.org_a, 1)[0]
    record = services.certificate_record(
        actor=world.alice, person=person, completed_on=dt.date(2025, 2, 1),
        new_course={"title": "DSL course (local authority)", "kind": CourseKind.DSL, "provider": "County LA"},
        uploaded_file=SimpleUploadedFile("dsl.pdf", PDF),
    )
    assert record.course.internal is False and record.session is None
    assert record.expires_on == dt.date(2027, 2, 1)  # DSL training: every two years
    assert len(record.sha256) == 64 and _stored_files()
    assert AuditEvent.objects.filter(verb="training.certificate_recorded", object_id=str(record.pk)).exists()


@pytest.mark.parametrize("name,content", [("cert.exe", b"MZ\x90\x00"), ("cert.pdf", b"MZ\x90\x00 not a pdf")])
def test_a_certificate_of_the_wrong_type_is_refused_and_nothing_is_stored(world, name, content):
    person = _people(world.org_a, 1)[0]
    before = TrainingRecord.objects.count()
    with pytest.raises(ValidationError):
        services.certificate_record(actor=world.alice, person=person, completed_on=TODAY,
                                    new_course={"title": "Elsewhere"}, uploaded_file=SimpleUploadedFile(name, content))
    assert TrainingRecord.objects.count() == before and not _stored_files()


def test_expiry_before_completion_is_refused_on_create_and_on_edit(world):
    person = _people(world.org_a, 1)[0]
    course = _course(world, internal=False)
    with pytest.raises(ValidationError, match="cannot be before"):
        services.certificate_record(actor=world.alice, person=person, course=course, completed_on=TODAY,
                                    expires_on=TODAY - dt.timedelta(days=1))
    record = services.certificate_record(actor=world.alice, person=person, course=course, completed_on=TODAY)
    with pytest.raises(ValidationError, match="cannot be before"):
        services.record_set_expiry(actor=world.alice, record=record, expires_on=TODAY - dt.timedelta(days=1))
    record.refresh_from_db()
    assert record.expires_on == selectors.course_expiry(course=course, completed_on=TODAY)
    services.record_set_expiry(actor=world.alice, record=record, expires_on=None)
    record.refresh_from_db()
    assert record.expires_on is None


def test_a_certificate_after_leaving_is_refused(world):
    person = _people(world.org_a, 1, leaver_date=TODAY - dt.timedelta(days=30))[0]
    with pytest.raises(ValidationError, match="left on"):
        services.certificate_record(actor=world.alice, person=person, completed_on=TODAY,
                                    new_course={"title": "Elsewhere"})


def test_a_wrong_record_is_deleted_and_audited(world, django_capture_on_commit_callbacks):
    person = _people(world.org_a, 1)[0]
    record = services.certificate_record(actor=world.alice, person=person, completed_on=TODAY,
                                         new_course={"title": "Elsewhere"},
                                         uploaded_file=SimpleUploadedFile("c.pdf", PDF))
    pk = record.pk
    with django_capture_on_commit_callbacks(execute=True):
        services.record_delete(actor=world.leader_a, record=record)
    assert not TrainingRecord.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(verb="training.record_deleted", object_id=str(pk)).exists()
    assert not _stored_files()


def test_role_requirements_limit_who_the_course_is_required_for(world):
    dsl_role = StaffRole.objects.get(organisation=world.org_a, key="dsl")
    dsl, teacher = _people(world.org_a, 2)
    dsl.roles.add(dsl_role)
    course = _course(world, kind=CourseKind.DSL)
    assert selectors.course_held_share(course=course) == (0, 1)
    services.certificate_record(actor=world.alice, person=dsl, course=course, completed_on=TODAY)
    assert selectors.course_held_share(course=course) == (1, 1)
