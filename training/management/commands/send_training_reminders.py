"""Send today's training expiry reminders once, in this process: for the embedded run without beat.

    python manage.py send_training_reminders               # today (Europe/London)
    python manage.py send_training_reminders --day 2026-11-26

Certificates expiring in 60 days, in 30 days and today: each person gets theirs, each leader of the
organisation everyone's. Safe to run again, or beside beat's daily task: each reminder and each
email is claimed in the database before it is sent, so nobody gets one twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ...tasks import send_training_reminders


def _day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CommandError(f"--day takes a date as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Email today's training expiry reminders to people and their leaders (once per address per day)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--day", help="The day to send for, YYYY-MM-DD (default: today, Europe/London).")

    def handle(self, *args, day: str | None = None, **options) -> None:
        # The task's function, run synchronously: no broker and no worker needed.
        sent = send_training_reminders(day=_day(day) if day else None)
        label = day or "today"
        self.stdout.write(f"Sent {sent} training reminder{'' if sent == 1 else 's'} for {label}.")
