"""`manage.py send_reminders` runs the daily digest once, synchronously; a second run sends nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from response import services as response_services
from response.models import ReminderDigest

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def _overdue_action(world):
    return response_services.action_create(actor=world.alice, case=world.case_a,
                                           title="Complete the single central record",
                                  owner=world.staff_a, due_on=timezone.localdate() - dt.timedelta(days=2))


def test_it_sends_each_digest_once_and_nothing_on_a_second_run(world):
    _overdue_action(world)

    first = _run()
    second = _run()

    assert "Sent 2 reminder digests for today." in first  # the owner's, and the lead consultant's
    assert "Sent 0 reminder digests for today." in second
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.staff_a.email, world.alice.email])
    assert ReminderDigest.objects.filter(day=timezone.localdate(), status=ReminderDigest.Status.SENT).count() == 2


def test_it_sends_for_a_given_day(world):
    _overdue_action(world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    output = _run("--day", tomorrow.isoformat())

    assert f"Sent 2 reminder digests for {tomorrow.isoformat()}." in output
    assert set(ReminderDigest.objects.values_list("day", flat=True)) == {tomorrow}


def test_nothing_due_sends_nothing(world):
    assert "Sent 0 reminder digests" in _run()
    assert mail.outbox == []


def test_a_malformed_day_is_refused(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("--day", "26/11/2026")
