"""Expiry reminders: 60 and 30 days before and on the day, once per record and kind and once per
address and day; to the person (when an email is known) and to each leader of the organisation."""

from __future__ import annotations

import datetime as dt
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command

from training import tasks
from training.models import Course, Person, ReminderEmail, ReminderSent, Requirement, TrainingRecord
from training.services import send_training_reminders

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)


def _record(world, person, *, expires_in: int | None = None, org=None, kind="safeguarding_update",
            completed_on=None, attendance=TrainingRecord.Attendance.ATTENDED, course=None):
    org = org or world.org_a
    course = course or Course.objects.create(organisation=org, title="Safeguarding update", kind=kind)
    expires_on = DAY + dt.timedelta(days=expires_in) if expires_in is not None else None
    return TrainingRecord.objects.create(
        organisation=org, person=person, course=course, attendance=attendance,
        completed_on=completed_on or dt.date(2025, 3, 2), expires_on=expires_on, recorded_by=world.alice)


def _person(world, name="Pat Teacher", email="pat@example.test", org=None, **extra):
    return Person.objects.create(organisation=org or world.org_a, full_name=name, email=email, **extra)


def _to(address):
    return [m for m in mail.outbox if m.to == [address]]


LEADERS_A = ("leader.a@example.test", "dsl.a@example.test")


@pytest.mark.parametrize("days, words", [(60, "within 60 days"), (30, "within 30 days"), (0, "today")])
def test_each_reminder_goes_once_to_the_person_and_each_leader(world, days, words):
    person = _person(world)
    record = _record(world, person, expires_in=days)
    assert send_training_reminders(day=DAY) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["pat@example.test", *LEADERS_A])
    own = _to("pat@example.test")[0]
    assert words in own.subject and "1 certificate" in own.subject
    assert "Safeguarding update" in own.body and "/training/me/" in own.body
    leader = _to("leader.a@example.test")[0]
    assert "Pat Teacher" in leader.body and f"/training/{world.org_a.pk}/matrix/" in leader.body
    assert leader.alternatives[0][1] == "text/html"
    claim = ReminderSent.objects.get(record=record)
    assert claim.kind == str(days) and claim.day == DAY and claim.sent_at is not None
    # A second run the same day sends nothing.
    assert send_training_reminders(day=DAY) == 0
    assert len(mail.outbox) == 3


def test_other_days_send_nothing(world):
    _record(world, _person(world), expires_in=45)
    _record(world, _person(world, "Max", "max@example.test"), expires_in=-1)
    assert send_training_reminders(day=DAY) == 0
    assert mail.outbox == []


def test_the_expiry_comes_from_the_requirement_when_the_record_has_none(world):
    requirement = Requirement.objects.create(organisation=world.org_a, key="upd", title="Annual update",
                                             course_kind="safeguarding_update", renewal_months=12)
    course = Course.objects.create(organisation=world.org_a, title="Update 2025", kind="safeguarding_update")
    course.satisfies.add(requirement)
    _record(world, _person(world), course=course, completed_on=(DAY + dt.timedelta(days=30)).replace(year=2025))
    assert send_training_reminders(day=DAY) == 3
    assert ReminderSent.objects.get().kind == "30"


def test_one_email_per_address_lists_all_its_items(world):
    pat = _person(world)
    _record(world, pat, expires_in=60)
    _record(world, pat, expires_in=30, kind="online_safety")
    _record(world, _person(world, "Max", "max@example.test"), expires_in=0)
    send_training_reminders(day=DAY)
    assert "2 certificates within 60 days" in _to("pat@example.test")[0].subject
    leader = _to("leader.a@example.test")[0]
    assert "3 certificates" in leader.subject and "Max" in leader.body and "Pat Teacher" in leader.body
    assert "Max" not in _to("pat@example.test")[0].body


def test_a_leaver_and_partial_attendance_are_not_reminded(world):
    _record(world, _person(world, leaver_date=DAY), expires_in=30)
    _record(world, _person(world, "Max", "max@example.test"), expires_in=30,
            attendance=TrainingRecord.Attendance.PARTIAL)
    assert send_training_reminders(day=DAY) == 0
    assert not ReminderSent.objects.exists()


def test_a_record_superseded_by_a_newer_one_is_not_reminded(world):
    pat = _person(world)
    _record(world, pat, expires_in=30)
    _record(world, pat, expires_in=400, completed_on=dt.date(2026, 2, 1))
    assert send_training_reminders(day=DAY) == 0


def test_without_an_email_only_the_leaders_hear(world):
    _record(world, _person(world, email=""), expires_in=30)
    assert send_training_reminders(day=DAY) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(LEADERS_A)


def test_the_linked_account_email_is_used(world):
    _record(world, _person(world, email="", user=world.staff_a), expires_in=30)
    send_training_reminders(day=DAY)
    assert _to("staff.a@example.test")


def test_another_organisations_staff_never_appear(world):
    _record(world, _person(world, "Bea Bather", "bea@example.test", org=world.org_b), expires_in=30, org=world.org_b)
    _record(world, _person(world), expires_in=30)
    send_training_reminders(day=DAY)
    for address in (*LEADERS_A, "pat@example.test"):
        assert "Bea" not in _to(address)[0].body
    assert "Bea" in _to("charlie@example.test")[0].body and "Pat" not in _to("charlie@example.test")[0].body


def test_a_failing_mail_server_is_retried_without_sending_twice(world, monkeypatch):
    _record(world, _person(world), expires_in=30)
    original = EmailBackend.send_messages
    calls = {"n": 0}

    def flaky(self, messages):
        calls["n"] += 1
        if messages[0].to == ["dsl.a@example.test"]:
            raise smtplib.SMTPServerDisconnected("connection lost")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    assert send_training_reminders(day=DAY) == 2
    assert ReminderEmail.objects.get(email="dsl.a@example.test").status == "failed"
    assert ReminderSent.objects.get().sent_at is None  # kept claimed: the next run sends it
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert send_training_reminders(day=DAY) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["pat@example.test", *LEADERS_A])
    assert ReminderSent.objects.get().sent_at is not None
    assert send_training_reminders(day=DAY) == 0


def test_the_task_and_the_command_send_for_a_day(world):
    _record(world, _person(world), expires_in=30)
    assert tasks.send_training_reminders(day=DAY.isoformat()) == 3
    out = StringIO()
    call_command("send_training_reminders", "--day", DAY.isoformat(), stdout=out)
    assert "Sent 0 training reminders" in out.getvalue()
    assert len(mail.outbox) == 3


def test_the_daily_run_is_scheduled():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["daily-training-reminders"]
    assert entry["task"] == "training.tasks.send_training_reminders"
