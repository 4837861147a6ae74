"""The demo's engagement with stakeholders (demo/engagement.py, run by seed_demo): written through
the services, twice without change, and giving the pages something to show — follow-ups due, reports
sent with their PDF, one waiting for approval and one delivery that failed."""

import datetime as dt
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from io import StringIO
from itertools import pairwise

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from pypdf import PdfReader

from crisis.models import AuditEvent, Case, ChronologyEntry, Report, User
from stakeholders import selectors
from stakeholders.models import (
    Communication,
    CommunicationAttachment,
    Contact,
    Delivery,
    PressLine,
    PressLineVersion,
    Stakeholder,
    StatusReport,
    TrustChange,
    UpdateSchedule,
)
from tests.dbshare import once_per_module

pytestmark = pytest.mark.django_db

MODELS = (Stakeholder, Contact, TrustChange, Communication, CommunicationAttachment, PressLine, PressLineVersion,
          UpdateSchedule, StatusReport, Delivery, Report, ChronologyEntry, AuditEvent)
PRIYA, TOM = "priya.shah@safehold.test", "tom.reed@safehold.test"


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _case(organisation: str) -> Case:
    return Case.objects.get(organisation__name=organisation)


@dataclass(frozen=True)
class FirstSeed:
    output: str  # what it printed
    callbacks: list  # what it left to run after the commit
    mail: list  # what it emailed


def _first_seed() -> FirstSeed:
    sent = len(mail.outbox)
    # The same capture as pytest-django's django_capture_on_commit_callbacks fixture.
    with TestCase.captureOnCommitCallbacks() as callbacks:
        output = _seed()
    return FirstSeed(output, callbacks, mail.outbox[sent:])


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the whole module (a seed takes seconds); see tests/dbshare.py."""
    with once_per_module(django_db_blocker, tmp_path_factory, _first_seed) as shared:
        yield shared


@pytest.fixture
def first_seed(_demo, private_storage_per_test) -> FirstSeed:
    """The seeded demo and what its first seed did; the test's writes are rolled back after it."""
    return _demo.for_this_test()


def test_a_second_run_creates_nothing_and_no_task_is_left_to_run(first_seed):
    callbacks, first = first_seed.callbacks, first_seed.output
    # The report history was generated and delivered in the seed: no task repeats it after the commit.
    assert callbacks == []
    assert "9 stakeholders of" in first and "5 status reports of" in first
    before, emails = _counts(), len(mail.outbox)

    output = _seed()

    assert _counts() == before
    assert len(mail.outbox) == emails  # the history's emails were written by the first run only
    assert "nothing created" in output


def test_the_report_history_is_dated_in_the_past_on_the_schedules_cadence(first_seed):
    case = _case("Oakfield Secondary Academy")
    weekly = UpdateSchedule.objects.get(case=case, cadence="weekly")
    runs = [timezone.localtime(r.created_at)
            for r in StatusReport.objects.filter(schedule=weekly).order_by("created_at")]
    assert [later - earlier for earlier, later in pairwise(runs)] == [dt.timedelta(days=7)] * 2
    assert runs[-1] + dt.timedelta(days=7) == timezone.localtime(weekly.next_due_at)

    history = StatusReport.objects.filter(case=case, schedule__isnull=False).select_related("report")
    assert history.count() == 4
    for status_report in history:
        day, report = timezone.localdate(status_report.created_at), status_report.report
        assert day < timezone.localdate()
        assert timezone.localdate(report.requested_at) == timezone.localdate(report.rendered_at) == day
        assert {timezone.localdate(d.sent_at) for d in status_report.deliveries.exclude(sent_at=None)} == {day}
        assert status_report.sent_at is None or timezone.localdate(status_report.sent_at) == day
        # The title and the PDF say the report's own date, not the day the demo was loaded.
        assert report.title == (f"Status report {status_report.number} ({status_report.audience.name}) — "
                                f"{case.reference} — {day:%d %b %Y}")
        with report.file.open("rb") as handle:
            text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
        assert f"{case.reference} · {day.day} {day:%b %Y}" in text


def test_the_demo_writes_each_email_it_says_was_sent(first_seed):
    """Through the configured email backend (var/mail in `make run`), with the templates and the PDF
    of a real delivery: one email per delivery marked sent, none for the one refused."""
    sent = Delivery.objects.filter(status=Delivery.Status.SENT).select_related("status_report__report")
    report_mail = [m for m in first_seed.mail if m.subject.startswith("Safeguarding status report")]
    assert Counter(m.to[0] for m in report_mail) == Counter(d.email for d in sent)
    assert Delivery.objects.get(status=Delivery.Status.FAILED).email not in {m.to[0] for m in report_mail}
    reports = {d.status_report.report.sha256: d.status_report for d in sent}
    case = _case("Oakfield Secondary Academy")
    # The report still waiting told the lead and asked the case's other consultant for approval, once.
    [notice] = [m for m in first_seed.mail if m not in report_mail]
    assert notice.to == ["priya.shah@safehold.test", "tom.reed@safehold.test"]  # the lead, and who may approve
    assert "Waiting for your approval" in notice.subject
    for message in report_mail:
        assert message.subject == f"Safeguarding status report: {case.organisation.name} ({case.reference})"
        if message.to == ["lado@northshire.example"]:  # the local authority asked for a link
            assert "/stakeholders/reports/link/" in message.body and not message.attachments
            continue
        (name, pdf, mimetype), = message.attachments
        status_report = reports[hashlib.sha256(pdf).hexdigest()]
        day = timezone.localdate(status_report.created_at)
        assert (name, mimetype) == (f"{case.reference}-status-report-{status_report.number}-{day:%Y-%m-%d}.pdf",
                                    "application/pdf")


def test_the_academy_case_has_a_realistic_engagement(first_seed):
    case = _case("Oakfield Secondary Academy")
    priya = User.objects.get(email=PRIYA)
    leader = User.objects.get(email="head@oakfield.test")
    now, today = timezone.now(), timezone.localdate()

    stakeholders = list(Stakeholder.objects.filter(case=case))
    assert {s.kind for s in stakeholders} == set(Stakeholder.Kind.values) - {Stakeholder.Kind.OTHER,
                                                                             Stakeholder.Kind.FUNDER}
    owners = set(selectors.stakeholder_owner_choices(case=case))
    assert all(s.owner in owners and s.contacts.exists() for s in stakeholders)
    assert all(c.email.endswith(".example") for c in Contact.objects.filter(stakeholder__case=case, email__gt=""))
    parents = Stakeholder.objects.get(case=case, kind=Stakeholder.Kind.PARENTS)
    history = list(parents.trust_changes.order_by("changed_at"))
    assert history[-1].to_level == parents.trust_level == 3 and history[-1].from_level == 2
    assert all(change.reason and change.changed_at < now for change in history)

    communications = Communication.objects.filter(case=case)
    assert 15 <= communications.count() <= 25
    assert {c.direction for c in communications} == set(Communication.Direction.values)
    assert {"email", "call", "meeting", "letter"} <= {c.channel for c in communications}
    assert all(c.occurred_at < now for c in communications)
    assert communications.exclude(mediation_notes="").count() >= 2
    attachments = CommunicationAttachment.objects.filter(communication__case=case)
    assert attachments.exists()
    for attachment in attachments:
        with attachment.file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == attachment.sha256

    due = [c for c in selectors.follow_ups_due(user=priya) if c.case_id == case.pk]
    assert any(c.follow_up_due < today for c in due), "an overdue follow-up"
    assert any(today <= c.follow_up_due <= today + dt.timedelta(days=7) for c in due), "one due this week"
    for communication in selectors.communications_for(leader).filter(case=case):
        assert communication.visible_mediation_notes == ""  # consultant-only

    holding = PressLine.objects.get(case=case, title="Holding statement").versions.get()
    assert holding.approved_by.email == "ceo@northgate.test"
    letter = list(PressLine.objects.get(case=case, title__startswith="Letter to parents").versions.order_by("number"))
    assert [v.approved_at is not None for v in letter] == [True, False]

    weekly = UpdateSchedule.objects.get(case=case, cadence="weekly")
    assert (weekly.weekday, weekly.time_of_day) == (4, dt.time(9))
    assert {s.kind for s in weekly.stakeholders.all()} == {"regulator", "local_authority"}
    assert UpdateSchedule.objects.get(case=case, cadence="fortnightly").requires_approval

    sent = list(StatusReport.objects.filter(case=case, status=StatusReport.Status.SENT).order_by("sent_at"))
    assert len(sent) == 3 and all(r.sent_at < now - dt.timedelta(days=1) for r in sent[:-1])
    for report in sent:
        with report.report.file.open("rb") as handle:
            pdf = handle.read()
        assert pdf.startswith(b"%PDF-") and hashlib.sha256(pdf).hexdigest() == report.report.sha256
        assert report.schedule == weekly and report.deliveries.filter(status=Delivery.Status.SENT).count() == 3
    # Each snapshot holds the figures of its own day, so "what changed" has something to say.
    assert len({r.snapshot["actions_percent"] for r in sent}) > 1
    assert selectors.previous_report(status_report=StatusReport.objects.get(
        case=case, status=StatusReport.Status.AWAITING_APPROVAL)) == sent[-1]

    failed = Delivery.objects.get(status_report__case=case, status=Delivery.Status.FAILED)
    assert failed.last_error.startswith("SMTPRecipientsRefused:") and failed.attempts == 5
    assert failed.status_report.status == StatusReport.Status.FAILED
    summary = selectors.engagement_summary(user=priya, case=case)
    assert summary["failed_deliveries"] == 1 and summary["reports_awaiting_approval"] == 1
    assert summary["follow_ups_overdue"] >= 1 and summary["press_lines_unapproved"] == 1


def test_only_open_cases_past_assessment_have_engagement_and_notes_stay_consultant_only(first_seed):
    assert not Stakeholder.objects.filter(case__in=[_case("Riverside Swimming Club"),
                                                    _case("St Anne's CE Primary School")]).exists()
    northgate = _case("Northgate Academy Trust")  # in Recovery: the contacts of its crisis months, no reports
    assert Stakeholder.objects.filter(case=northgate, kind=Stakeholder.Kind.LOCAL_AUTHORITY).exists()
    assert Communication.objects.filter(case=northgate).exists()
    assert not UpdateSchedule.objects.filter(case=northgate).exists()
    hope = _case("Hope Street Youth Charity")
    assert Stakeholder.objects.filter(case=hope, kind=Stakeholder.Kind.REGULATOR, name="Charity Commission").exists()
    assert 15 <= Communication.objects.filter(case=hope).count() <= 25
    assert UpdateSchedule.objects.filter(case=hope).count() == 2
    assert not StatusReport.objects.filter(case=hope).exists()
    # Tom is assigned to Hope Street but not named on its restricted case.
    assert not selectors.stakeholders_for(User.objects.get(email=TOM)).filter(case=hope).exists()
    assert selectors.stakeholders_for(User.objects.get(email="chair@hopestreet.test")).filter(case=hope).exists()

    for communication in Communication.objects.exclude(mediation_notes=""):
        assert not ChronologyEntry.objects.filter(details__contains=communication.mediation_notes).exists()
    assert not Communication.objects.filter(summary__icontains="pupil a").exists()
