"""Stage 1, assessment and evaluation: the risk register of a case, its history and sign-off.

Tables keep the names they had when these models lived in the core app (`db_table = "crisis_…"`):
the split into one app per stage moved no data (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from crisis.models import Case, Organisation

from .risk_matrix import IMPACT_LEVELS, LIKELIHOOD_LEVELS, Band, band_for, score

__all__ = [
    "RiskCategory",
    "CATEGORY_HELP",
    "Risk",
    "RiskScoreChange",
    "RiskComment",
    "CategoryNoRisk",
    "AssessmentSignOff",
]


class RiskCategory(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    STRATEGIC = "strategic", "Strategic"
    REPUTATIONAL = "reputational", "Reputational"
    FINANCIAL = "financial", "Financial"
    LEGAL = "legal", "Legal"
    PERSONNEL = "personnel", "Personnel"


CATEGORY_HELP: dict[str, str] = {
    RiskCategory.OPERATIONAL: "Day-to-day safeguarding practice: recording, reporting, supervision, site and "
    "online safety, whether procedures are followed.",
    RiskCategory.STRATEGIC: "Leadership, governance and direction: the board's grip, the plan, partnerships and "
    "the organisation's future.",
    RiskCategory.REPUTATIONAL: "Confidence of parents, regulators, funders and the public; media coverage and "
    "social media.",
    RiskCategory.FINANCIAL: "Funding, insurance, legal costs, lost income, compensation claims.",
    RiskCategory.LEGAL: "Statutory duties and regulation: KCSIE, LADO referral, Ofsted and Charity Commission "
    "notifications, data protection, employment law.",
    RiskCategory.PERSONNEL: "Staff and volunteers: conduct, suspensions, safer recruitment, capacity, wellbeing.",
}

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
LIKELIHOOD_CHOICES = [(n, f"{n} — {label}") for n, label in LIKELIHOOD_LEVELS.items()]
IMPACT_CHOICES = [(n, f"{n} — {label}") for n, label in IMPACT_LEVELS.items()]


def _level_field(verbose_name: str, choices) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(verbose_name, choices=choices, validators=LEVEL_VALIDATORS)


class RiskQuerySet(models.QuerySet):
    """The words the whole project uses about risks, defined once."""

    def open(self) -> RiskQuerySet:
        """Not closed: still on the register."""
        return self.exclude(status=Risk.Status.CLOSED)

    def review_overdue(self, on: dt.date | None = None) -> RiskQuerySet:
        """Open, and their review was due before `on` (today)."""
        return self.open().filter(review_due_on__lt=on or timezone.localdate())

    def by_priority(self) -> RiskQuerySet:
        """Highest band first, then the highest current score."""
        return self.order_by("band_rank", "-current_score", "id")


class Risk(models.Model):
    """One risk to the organisation, scored three ways: inherent, current and target."""

    class Treatment(models.TextChoices):
        MITIGATE = "mitigate", "Mitigate"
        ACCEPT = "accept", "Accept"
        TRANSFER = "transfer", "Transfer"
        AVOID = "avoid", "Avoid"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        TREATING = "treating", "Being treated"
        ACCEPTED = "accepted", "Accepted"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risks")
    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    cause = models.TextField(blank=True)
    consequence = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_risks", null=True, blank=True,
        help_text="A member of the organisation or a consultant.",
    )
    identified_on = models.DateField(default=timezone.localdate)
    inherent_likelihood = _level_field("inherent likelihood", LIKELIHOOD_CHOICES)
    inherent_impact = _level_field("inherent impact", IMPACT_CHOICES)
    current_likelihood = _level_field("current likelihood", LIKELIHOOD_CHOICES)
    current_impact = _level_field("current impact", IMPACT_CHOICES)
    target_likelihood = _level_field("target likelihood", LIKELIHOOD_CHOICES)
    target_impact = _level_field("target impact", IMPACT_CHOICES)
    # Derived from the current scores through crisis.risk_matrix, stored so the register sorts and
    # filters in SQL. Set only by the risk services.
    current_score = models.PositiveSmallIntegerField(editable=False)
    band = models.CharField(max_length=10, choices=Band.choices, editable=False)
    band_rank = models.PositiveSmallIntegerField(editable=False)
    previous_score = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="The current score before the last review."
    )
    treatment = models.CharField(max_length=10, choices=Treatment.choices, default=Treatment.MITIGATE)
    treatment_rationale = models.TextField(
        blank=True, help_text="Required when the risk is accepted: why living with it is the right call."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    review_due_on = models.DateField()
    review_due_overridden = models.BooleanField(default=False, editable=False)
    last_reviewed_at = models.DateTimeField(default=timezone.now)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        db_table = "crisis_risk"
        ordering = ["band_rank", "-current_score", "id"]
        indexes = [
            models.Index(fields=["organisation", "case", "band_rank", "-current_score"], name="risk_org_case_prio_idx"),
            models.Index(fields=["organisation", "owner"], name="risk_org_owner_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inherent_likelihood__range=(1, 5), inherent_impact__range=(1, 5),
                                   current_likelihood__range=(1, 5), current_impact__range=(1, 5),
                                   target_likelihood__range=(1, 5), target_impact__range=(1, 5)),
                name="risk_levels_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:risk_detail", kwargs={"reference": self.case.reference, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.treatment == self.Treatment.ACCEPT and not (self.treatment_rationale or "").strip():
            errors["treatment_rationale"] = "Say why the risk is accepted: an accepted risk needs a rationale."
        if errors:
            raise ValidationError(errors)

    @property
    def inherent_score(self) -> int:
        return score(self.inherent_likelihood, self.inherent_impact)

    @property
    def target_score(self) -> int:
        return score(self.target_likelihood, self.target_impact)

    @property
    def inherent_band(self) -> Band:
        return band_for(self.inherent_likelihood, self.inherent_impact)

    @property
    def target_band(self) -> Band:
        return band_for(self.target_likelihood, self.target_impact)

    @property
    def movement(self) -> str:
        """Since the last review: "up", "down", "same", or "new" when never re-scored."""
        if self.previous_score is None:
            return "new"
        if self.current_score > self.previous_score:
            return "up"
        if self.current_score < self.previous_score:
            return "down"
        return "same"

    @property
    def review_overdue(self) -> bool:
        return self.status != self.Status.CLOSED and self.review_due_on < timezone.localdate()

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class RiskScoreChange(models.Model):
    """One scoring of a risk: when it was identified, and every re-score or review after."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="score_changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField()
    # {"inherent": [likelihood, impact], "current": [...], "target": [...]}; empty before on creation.
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict)
    current_score = models.PositiveSmallIntegerField(help_text="The current score after this change.")
    band = models.CharField(max_length=10, choices=Band.choices)

    class Meta:
        db_table = "crisis_riskscorechange"
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["organisation", "risk", "changed_at"], name="riskscore_org_risk_idx")]

    def __str__(self) -> str:
        return f"{self.risk}: {self.current_score} on {self.changed_at:%d %b %Y}"

    @property
    def previous_current_score(self) -> int | None:
        if not self.before:
            return None
        likelihood, impact = self.before["current"]
        return score(likelihood, impact)


class RiskComment(models.Model):
    """A comment on a risk, from a consultant or the organisation's leaders."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "crisis_riskcomment"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["organisation", "risk", "created_at"], name="riskcomment_org_risk_idx")]

    def __str__(self) -> str:
        return f"{self.author} on {self.risk}"


class CategoryNoRisk(models.Model):
    """A category assessed on purpose and found to hold no risk, with the reason."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="categories_without_risk")
    category = models.CharField(max_length=20, choices=RiskCategory.choices)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "crisis_categorynorisk"
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["case", "category"], name="category_no_risk_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: assessed, no risk identified"


class AssessmentSignOff(models.Model):
    """The consultant's sign-off of a case's assessment: who, when and what it concluded."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessment_sign_offs")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    summary = models.TextField()
    risk_count = models.PositiveIntegerField(help_text="Open risks on the register when it was signed off.")

    class Meta:
        db_table = "crisis_assessmentsignoff"
        ordering = ["-signed_at", "-id"]
        get_latest_by = "signed_at"
        indexes = [models.Index(fields=["organisation", "case", "-signed_at"], name="signoff_org_case_idx")]

    def __str__(self) -> str:
        return f"Assessment of {self.case.reference} signed off by {self.signed_by}"

