"""Demo data for a local run: a consultancy, five client organisations and four cases, each with
a risk register (15–40 risks across the six categories, with re-scores, comments and sign-off), and
the response stage: action plans with progress, notes and evidence, each organisation's policy
register checked against best practice, and improvement checkpoints; and the engagement with
stakeholders of the cases in or past Engagement (demo/engagement.py).

    python manage.py seed_demo

Idempotent: everything is keyed on stable emails, organisation names, case titles, risk and action
titles (per case), policy titles (per organisation) and checkpoint dates (per case), so a second run
creates nothing and changes nothing. Every write except creating the User rows goes through
crisis.services, so permissions, chronology and the audit log are exactly what the app itself would
have written: done is declared by an action's owner and verified by a consultant. Dates are relative
to today, so the demo always looks current. The tables themselves are in demo/data.py.

Never run this against a production database: every demo login shares one published password.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment import services as assessment_services
from assessment.models import Risk
from crisis import access, services
from crisis import permissions as perms
from crisis.models import Case, Membership, Organisation, Stage, User
from response import services as response_services
from response.models import COMPLETE_STATUSES, Action, ChecklistRequirement, ImprovementCheckpoint, Policy

from ...data import (
    ACTION_PLANS,
    ADMIN_EMAIL,
    CASES,
    CHECKPOINTS,
    CONSULTANCY,
    DEMO_PASSWORD,
    ORGANISATIONS,
    POLICIES,
    PRIYA,
    RESULTS,
    TOM,
    ActionSpec,
    CaseSpec,
    PolicySpec,
    Rescore,
    RiskSpec,
)
from ...engagement import seed_engagement

# The smallest valid PDF: what the demo's evidence files hold (they pass the upload's content check).
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_working_days(day: dt.date, count: int) -> dt.date:
    """`count` working days after `day` (weekends skipped; bank holidays are not known here)."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


class Command(BaseCommand):
    help = "Load demo organisations, people and cases (idempotent). All demo logins use one password."

    def handle(self, *args, **options) -> None:
        self.created: list[str] = []
        with transaction.atomic():
            users = self._users()
            admin = users[ADMIN_EMAIL]
            organisations = self._organisations(admin, users)
            self._policies(organisations, users)
            for spec in CASES:
                case = self._case(spec, organisations[spec.organisation], users)
                self.created += seed_engagement(case=case, users=users)
        if self.created:
            self.stdout.write(self.style.SUCCESS(f"Created {len(self.created)} demo records:"))
            for line in self.created:
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write("Demo data already present: nothing created.")
        self._print_logins()

    # People and organisations ------------------------------------------------------------------

    def _users(self) -> dict[str, User]:
        users: dict[str, User] = {}
        for email, full_name, role in CONSULTANCY:
            users[email] = self._user(email, full_name, consultancy_role=role)
        for org in ORGANISATIONS:
            for person in org.people:
                if person.email not in users:
                    users[person.email] = self._user(person.email, person.full_name)
        return users

    def _user(self, email: str, full_name: str, consultancy_role: str = "") -> User:
        user = User.objects.filter(email=email).first()
        if user is not None:
            return user
        if consultancy_role == User.ConsultancyRole.ADMIN:
            user = User.objects.create_superuser(email, DEMO_PASSWORD, full_name=full_name)
        else:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=full_name, consultancy_role=consultancy_role
            )
        self.created.append(f"user {email}")
        return user

    def _organisations(self, admin: User, users: dict[str, User]) -> dict[str, Organisation]:
        organisations: dict[str, Organisation] = {}
        for spec in ORGANISATIONS:
            organisation = Organisation.objects.filter(name=spec.name).first()
            if organisation is None:
                parent = organisations[spec.parent] if spec.parent else None
                organisation = services.organisation_create(
                    actor=admin, name=spec.name, kind=spec.kind, parent=parent, **spec.fields
                )
                self.created.append(f"organisation {spec.name}")
            organisations[spec.name] = organisation
            for email in spec.consultants:
                # assignment_create is itself idempotent (get_or_create).
                services.assignment_create(actor=admin, consultant=users[email], organisation=organisation)
            for person in spec.people:
                user = users[person.email]
                if not Membership.objects.filter(user=user, organisation=organisation).exists():
                    services.membership_create(
                        actor=admin, user=user, organisation=organisation, role=person.role,
                        job_title=person.job_title,
                    )
                    self.created.append(f"membership {person.email} at {spec.name}")
        return organisations

    # Cases ---------------------------------------------------------------------------------------

    def _case(self, spec: CaseSpec, organisation: Organisation, users: dict[str, User]) -> Case:
        existing = Case.objects.filter(organisation=organisation, title=spec.title).first()
        if existing is not None:
            self._register(existing, spec, users, new_case=False)
            self._response(existing, spec, users)
            return existing
        today = timezone.localdate()
        opened_on = today - dt.timedelta(days=spec.opened_days_ago)
        lead = users[spec.lead]
        case = services.case_create(
            actor=lead,
            organisation=organisation,
            title=spec.title,
            summary=spec.summary,
            severity=spec.severity,
            rag=spec.rag,
            restricted=spec.restricted,
            lead_consultant=lead,
            consultants=[users[email] for email in spec.team],
            opened_on=opened_on,
        )
        for entry in spec.entries:
            services.chronology_entry_create(
                actor=lead,
                case=case,
                title=entry.title,
                occurred_at=self._moment(opened_on, entry.day, entry.at),
                kind=entry.kind,
                details=entry.details,
                decision=entry.decision,
                rationale=entry.rationale,
                significant=entry.significant,
                shared_with_organisation=entry.shared,
            )
        for due in spec.deadlines:
            start = today if due.from_today else opened_on
            due_on = (
                add_working_days(start, due.days) if due.working_days else start + dt.timedelta(days=due.days)
            )
            deadline = services.deadline_create(
                actor=lead, case=case, title=due.title, due_on=due_on, statutory=due.statutory
            )
            if due.done_day is not None:
                services.deadline_complete(
                    actor=lead, deadline=deadline, completed_on=min(opened_on + dt.timedelta(days=due.done_day), today)
                )
        # The register is written while the case is still in Assessment (re-scores carry their own
        # past dates), then signed off, and only then does the case move on.
        self._register(case, spec, users, new_case=True)
        for day, to, rationale in spec.stages:
            if to in (Stage.RECOVERY, Stage.CLOSED):
                # The gate out of Response needs the action plan (actions for the critical and high risks,
                # enough of them done), so the plan and its checkpoints are written before the case moves on.
                self._response(case, spec, users)
            services.case_advance_stage(
                actor=lead, case=case, to=to, rationale=rationale, effective_at=self._moment(opened_on, day, "17:00")
            )
        self._response(case, spec, users)
        case.refresh_from_db()
        self.created.append(f"case {case.reference} {spec.title} ({case.get_stage_display()})")
        return case

    # The response stage: action plans, checkpoints, policies -------------------------------------------

    def _response(self, case: Case, spec: CaseSpec, users: dict[str, User]) -> None:
        """Put the spec's missing actions (keyed on title) on the case's plan with their progress, notes
        and evidence, then record the missing checkpoints (keyed on date) in date order, completing the
        new actions of each wave before the checkpoint that follows them. A closed case is left alone."""
        case.refresh_from_db()
        if case.stage == Stage.CLOSED:
            return
        lead = users[spec.lead]
        today = timezone.localdate()
        titles = set(
            Action.objects.filter(organisation_id=case.organisation_id, case=case).values_list("title", flat=True)
        )
        risks = {r.title: r for r in Risk.objects.filter(organisation_id=case.organisation_id, case=case)}
        added: list[tuple[ActionSpec, Action]] = []
        for item in ACTION_PLANS.get(spec.title, ()):
            if item.title in titles:
                continue
            action = response_services.action_create(
                actor=lead, case=case, title=item.title, description=item.description, owner=users[item.owner],
                priority=item.priority, start_on=today + dt.timedelta(days=item.start),
                due_on=today + dt.timedelta(days=item.due), risks=[risks[title] for title in item.risks],
                consultant_notes=item.consultant_notes,
            )
            self._action_work(action, item, users)
            added.append((item, action))
        if added:
            self.created.append(f"{len(added)} actions on the plan of {case.reference}")
        recorded_on = set(
            ImprovementCheckpoint.objects.filter(organisation_id=case.organisation_id, case=case)
            .values_list("recorded_on", flat=True)
        )
        recorded = 0
        for wave, checkpoint in enumerate(sorted(CHECKPOINTS.get(spec.title, ()), key=lambda c: -c.days_ago)):
            on = today - dt.timedelta(days=checkpoint.days_ago)
            if on in recorded_on or on < case.opened_on:
                continue
            self._complete([(item, action) for item, action in added if item.wave <= wave], spec, users)
            response_services.checkpoint_record(actor=lead, case=case, confidence=dict(checkpoint.confidence),
                                       commentary=checkpoint.commentary, recorded_on=on)
            recorded += 1
        self._complete(added, spec, users)
        if recorded:
            self.created.append(f"{recorded} improvement checkpoints on {case.reference}")

    def _action_work(self, action: Action, item: ActionSpec, users: dict[str, User]) -> None:
        """Progress (or the block), notes and evidence, each written by the person who would write it."""
        owner = users[item.owner]
        if item.status == Action.Status.BLOCKED:
            response_services.action_update_progress(actor=owner, action=action, progress=item.progress,
                                            status=Action.Status.BLOCKED, blocked_reason=item.blocked)
        elif item.progress:
            response_services.action_update_progress(actor=owner, action=action, progress=item.progress)
        for author, body, consultant_only in item.notes:
            response_services.action_note_add(actor=users[author], action=action, body=body,
                                              consultant_only=consultant_only)
        for title, url in item.links:
            response_services.action_evidence_add_link(actor=owner, action=action, url=url, title=title)
        for name, title in item.files:
            upload = SimpleUploadedFile(name, TINY_PDF, content_type="application/pdf")
            response_services.action_evidence_add_file(actor=owner, action=action, uploaded_file=upload, title=title)

    def _complete(self, pairs: list[tuple[ActionSpec, Action]], spec: CaseSpec, users: dict[str, User]) -> None:
        """Done by the owner, with the completion notes; verified by the lead consultant, or by another
        consultant of the case when the lead owns the action."""
        for item, action in pairs:
            if item.status not in COMPLETE_STATUSES:
                continue
            action.refresh_from_db()
            owner = users[item.owner]
            if action.status not in COMPLETE_STATUSES:
                action = response_services.action_mark_done(actor=owner, action=action, completion_notes=item.done)
            if item.status == Action.Status.VERIFIED and action.status != Action.Status.VERIFIED:
                verifier = users[spec.lead]
                if verifier == owner:
                    verifier = next(users[email] for email in spec.team if email != spec.lead)
                response_services.action_verify(actor=verifier, action=action, note=item.verify_note)

    def _policies(self, organisations: dict[str, Organisation], users: dict[str, User]) -> None:
        """Each organisation's policy register (keyed on title), written by the policy's owner when a
        leader (else by the consultant), and checked against its type's checklist by the consultant."""
        today = timezone.localdate()
        for name, (approver, checker_email, specs) in POLICIES.items():
            organisation = organisations[name]
            checker = users[checker_email]
            titles = set(Policy.objects.filter(organisation=organisation).values_list("title", flat=True))
            added = 0
            for item in specs:
                if item.title in titles:
                    continue
                self._policy(organisation, item, approver, checker, users, today)
                added += 1
            if added:
                self.created.append(f"{added} policies in the register of {name}")

    @staticmethod
    def _policy(
        organisation: Organisation, item: PolicySpec, approver: str, checker: User, users: dict[str, User],
        today: dt.date,
    ) -> Policy:
        owner = users[item.owner]
        keeper = owner if access.has_org_permission(
            user=owner, organisation_id=organisation.pk, codename=perms.MANAGE_POLICIES) else checker
        approved_on = today + dt.timedelta(days=item.approved) if item.approved is not None else None
        policy = response_services.policy_create(
            actor=keeper, organisation=organisation, policy_type=item.policy_type, title=item.title,
            version=item.version, owner=owner, status=item.status, approved_on=approved_on,
            approved_by_body=approver if approved_on else "",
            next_review_on=today + dt.timedelta(days=item.next_review),
        )
        requirements = ChecklistRequirement.objects.filter(policy_type=item.policy_type, active=True).order_by(
            "order", "id")
        for position, (requirement, letter) in enumerate(zip(requirements, item.checks, strict=False)):
            response_services.policy_check_set(actor=checker, policy=policy, requirement=requirement,
                                               result=RESULTS[letter],
                                      note=item.notes.get(position, ""))
        return policy

    # Risk registers --------------------------------------------------------------------------------

    def _register(self, case: Case, spec: CaseSpec, users: dict[str, User], *, new_case: bool) -> None:
        """Put the spec's missing risks (keyed on title) on the register, sign a new case's assessment
        off if it moves on, then write each new risk's history: re-scores, closing, comments."""
        if case.stage == Stage.CLOSED:
            return  # a closed case's register can no longer be written
        lead = users[spec.lead]
        opened_on = case.opened_on
        titles = set(
            Risk.objects.filter(organisation_id=case.organisation_id, case=case).values_list("title", flat=True)
        )
        added: list[tuple[RiskSpec, Risk]] = []
        for item in spec.risks:
            if item.title in titles:
                continue
            if item.accepted:
                treatment, status = Risk.Treatment.ACCEPT, Risk.Status.ACCEPTED
            else:
                treatment = Risk.Treatment.MITIGATE
                status = Risk.Status.TREATING if item.rescores else Risk.Status.OPEN
            risk = assessment_services.risk_create(
                actor=lead, case=case, category=item.category, title=item.title, description=item.description,
                consequence=item.consequence, owner=users[item.owner],
                identified_on=opened_on + dt.timedelta(days=item.day),
                inherent_likelihood=item.inherent[0], inherent_impact=item.inherent[1],
                current_likelihood=item.current[0], current_impact=item.current[1],
                target_likelihood=item.target[0], target_impact=item.target[1],
                treatment=treatment, treatment_rationale=item.accepted, status=status,
            )
            added.append((item, risk))
        if added:
            self.created.append(f"{len(added)} risks on the register of {case.reference}")
        if new_case and spec.stages:
            self._complete_assessment(case, lead, opened_on, spec.stages[0][0], spec.sign_off)
        for item, risk in added:
            self._risk_history(item, risk, spec, users, opened_on)

    def _risk_history(
        self, item: RiskSpec, risk: Risk, spec: CaseSpec, users: dict[str, User], opened_on: dt.date
    ) -> None:
        """Re-scores in date order (the spec's own, and the case's register review unless the risk missed
        it or was re-scored since), then closing and the leaders' comments."""
        lead = users[spec.lead]
        reviews: list[tuple[int, str, Rescore | None]] = [(r.day, "15:00", r) for r in item.rescores]
        if spec.register_review and not item.missed_review:
            day = spec.register_review[0]
            if day > item.day and all(r.day < day for r in item.rescores):
                reviews.append((day, "16:30", None))
        current, target = item.current, item.target
        for day, at, rescore in sorted(reviews, key=lambda review: review[0]):
            if rescore is not None:
                current, target = rescore.current, rescore.target or target
            assessment_services.risk_rescore(
                actor=lead, risk=risk, reason=rescore.reason if rescore else spec.register_review[1],
                inherent_likelihood=item.inherent[0], inherent_impact=item.inherent[1],
                current_likelihood=current[0], current_impact=current[1],
                target_likelihood=target[0], target_impact=target[1],
                reviewed_at=self._moment(opened_on, day, at),
            )
        # Closing and comments follow the risk's last review, on the days they happened.
        last_day = max([item.day, *(day for day, _, _ in reviews)])
        if item.closed:
            risk.refresh_from_db()
            assessment_services.risk_close(actor=lead, risk=risk, note=item.closed,
                                closed_on=self._moment(opened_on, last_day + 1, "10:00").date())
        for n, (author, body) in enumerate(item.comments):
            assessment_services.risk_comment_create(actor=users[author], risk=risk, body=body,
                                         created_at=self._moment(opened_on, last_day, f"{18 + n}:00"))

    def _complete_assessment(self, case: Case, lead: User, opened_on: dt.date, day: int, summary: str) -> None:
        """Before a case leaves Assessment: every category considered, and the sign-off.

        Signed at 16:00 on the day of the first stage move, after every risk of the seed was identified
        (the specs identify risks in the first days), so a register covering all six categories needs no
        "no risk" marks.
        """
        status = assessment_selectors.assessment_status(case=case)
        for category in status["categories"]:
            if not category["considered"]:
                assessment_services.category_mark_no_risk(
                    actor=lead, case=case, category=category["value"],
                    reason="Considered with the leadership team; nothing found in this category.",
                )
        assessment_services.assessment_sign_off(
            actor=lead, case=case, signed_at=self._moment(opened_on, day, "16:00"), summary=summary
        )

    @staticmethod
    def _moment(opened_on: dt.date, day: int, at: str) -> dt.datetime:
        """An aware datetime (Europe/London) `day` days after opening; never later than now."""
        hour, minute = (int(part) for part in at.split(":"))
        moment = timezone.make_aware(dt.datetime.combine(opened_on + dt.timedelta(days=day), dt.time(hour, minute)))
        return min(moment, timezone.now() - dt.timedelta(minutes=1))

    # Output ----------------------------------------------------------------------------------------

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
                rows.append((person.email, f"{person.job_title} ({person.role})", ", ".join(orgs)))
        width = max(len(email) for email, _, _ in rows)
        role_width = max(len(role) for _, role, _ in rows)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins — password for all: {DEMO_PASSWORD}"))
        self.stdout.write(f"  {'email'.ljust(width)}  {'role'.ljust(role_width)}  sees")
        for email, role, sees in rows:
            self.stdout.write(f"  {email.ljust(width)}  {role.ljust(role_width)}  {sees}")
        self.stdout.write("Consultants land on /dashboard/; leaders and staff on “Our action plan” (/actions/).")
