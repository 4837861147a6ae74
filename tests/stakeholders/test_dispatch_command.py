import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from stakeholders import services
from stakeholders.models import StatusReport

pytestmark = pytest.mark.django_db(transaction=True)


def test_dispatch_updates_sends_what_is_due_once(world, ofsted, internal):
    schedule = services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly", stakeholders=[ofsted],
                                        cadence="weekly", weekday=0, time_of_day=dt.time(9), **internal)
    type(schedule).objects.filter(pk=schedule.pk).update(next_due_at=schedule.next_due_at - dt.timedelta(days=7))
    out = StringIO()
    call_command("dispatch_updates", stdout=out)
    call_command("dispatch_updates", stdout=out)
    assert out.getvalue().splitlines() == ["Dispatched 1 status report(s).", "Dispatched 0 status report(s)."]
    assert StatusReport.objects.get().status == StatusReport.Status.SENT
    assert len(mail.outbox) == 1
