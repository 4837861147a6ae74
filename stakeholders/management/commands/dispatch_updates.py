"""Send the status reports that are due, and flag those waiting too long for approval: once, or
every N seconds with --loop.

Production runs `stakeholders.tasks.dispatch_due_updates` from Celery beat. The embedded run
(`make run`, no broker) starts `dispatch_updates --loop 60` beside the web server instead, so
scheduled reports really go out (to var/mail, or the SMTP server EMAIL_URL names).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from ...services import dispatch_due_schedules, flag_unapproved_reports


class Command(BaseCommand):
    help = "Dispatch the status reports that are due (once, or every N seconds with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, metavar="SECONDS",
                            help="keep dispatching every SECONDS seconds until stopped")

    def handle(self, *args, loop: int = 0, **options):
        while True:
            started = dispatch_due_schedules()
            flagged = flag_unapproved_reports()
            if started or not loop:
                self.stdout.write(f"Dispatched {len(started)} status report(s).")
            if flagged:
                self.stdout.write(f"Flagged {len(flagged)} report(s) waiting too long for approval.")
            if not loop:
                return
            time.sleep(loop)
