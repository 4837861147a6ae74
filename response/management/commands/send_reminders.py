"""Send today's reminder digests once, in this process: for the embedded run without Celery beat.

    python manage.py send_reminders               # today (Europe/London)
    python manage.py send_reminders --day 2026-11-26

Each action owner gets their overdue and due-soon actions, each lead consultant the overdue items
of their open cases. Safe to run again, or beside beat's daily task: a person's digest for a day is
claimed in the database (ReminderDigest) before it is sent, so nobody gets it twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ...tasks import send_daily_digests


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CommandError(f"--day takes a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Email today's action digests to owners and lead consultants (once per person per day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--day", help="The day to send for, YYYY-MM-DD (default: today, Europe/London).")

    def handle(self, *args, day: str | None = None, **options) -> None:
        # The task's function, run synchronously: no broker and no worker needed.
        sent = send_daily_digests(day=_day(day) if day else None)
        label = day or "today"
        self.stdout.write(f"Sent {sent} reminder digest{'' if sent == 1 else 's'} for {label}.")
