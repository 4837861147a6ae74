"""Demo data for a local run: a consultancy, five client organisations and five cases (one in each
stage, from Assessment to Closed), each with
a risk register (15–40 risks across the six categories, with re-scores, comments and sign-off), and
the response stage: action plans with progress, notes and evidence, each organisation's policy
register checked against best practice, and improvement checkpoints; and the engagement with
stakeholders of the cases in or past Engagement (demo/engagement.py); and each case's protected
names, the fictional people its reports must not name (demo/privacy.py); and each organisation's
training records: its staff list, courses, sessions and certificates (demo/training.py).

    python manage.py seed_demo

Idempotent: everything is keyed on stable emails, organisation names, case titles, risk and action
titles (per case), policy titles (per organisation), checkpoint dates and protected names (per case),
so a second run creates nothing and changes nothing. Every write except creating the User rows goes
through the apps' services, so permissions, chronology and the audit log are exactly what the app
itself would have written: done is declared by an action's owner and verified by a consultant. Dates
are relative to today, so the demo always looks current. One module per app writes its part
(demo/people.py, cases.py, assessment.py, response.py, engagement.py, privacy.py, training.py); the tables
themselves are in demo/data/.

Never run this against a production database: every demo login shares one published password.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from ...cases import seed_case
from ...data import ADMIN_EMAIL, CASES, DEMO_PASSWORD, ORGANISATIONS, PRIYA, TOM
from ...engagement import seed_engagement
from ...people import seed_organisations, seed_users
from ...privacy import seed_protected_names
from ...recovery import seed_recovery
from ...response import seed_policies
from ...training import seed_training


class Command(BaseCommand):
    help = "Load demo organisations, people and cases (idempotent). All demo logins use one password."

    def handle(self, *args, **options) -> None:
        created: list[str] = []
        with transaction.atomic():
            users = seed_users(created)
            admin = users[ADMIN_EMAIL]
            organisations = seed_organisations(admin, users, created)
            seed_policies(organisations, users, created)
            for spec in CASES:
                case = seed_case(spec, organisations[spec.organisation], users, created)
                created += seed_engagement(case=case, users=users)
                created += seed_protected_names(case=case)
            seed_training(organisations, users, created)
            seed_recovery(users, created)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(created)} demo records:"))
            for line in created:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write("Demo data already present: nothing created.")
        self._print_logins()

    def _print_logins(self) -> None:
        rows = [("admin@safehold.test", "Consultancy admin", "everything; Django admin at /admin/")]
        rows += [
            (PRIYA, "Consultant", "every organisation; named on the restricted Hope Street case"),
            (TOM, "Consultant", "all but Riverside Swimming Club; not the restricted Hope Street case"),
        ]
        seen: set[str] = set()
        for org in ORGANISATIONS:
            for person in org.people:
                if person.email in seen:
                    continue
                seen.add(person.email)
                orgs = [o.name for o in ORGANISATIONS if any(p.email == person.email for p in o.people)]
                left_out = any(c.restricted and c.organisation in orgs and person.email not in c.leaders for c in CASES)
                sees = ", ".join(orgs) + ("; not the restricted case" if left_out else "")
                rows.append((person.email, f"{person.job_title} ({person.role})", sees))
        width = max(len(email) for email, _, _ in rows)
        role_width = max(len(role) for _, role, _ in rows)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins — password for all: {DEMO_PASSWORD}"))
        self.stdout.write(f"  {'email'.ljust(width)}  {'role'.ljust(role_width)}  sees")
        for email, role, sees in rows:
            self.stdout.write(f"  {email.ljust(width)}  {role.ljust(role_width)}  {sees}")
        self.stdout.write("Consultants land on /dashboard/; leaders and staff on “Our action plan” (/actions/).")
