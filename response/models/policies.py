"""The policies and procedures register of an organisation, checked against best practice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from crisis.models import Organisation
from crisis.storage import policy_upload_to, private_storage

__all__ = ["PolicyType", "ChecklistRequirement", "Policy", "PolicyCheck"]


class PolicyType(models.TextChoices):
    CHILD_PROTECTION = "child_protection", "Child protection and safeguarding"
    STAFF_CODE = "staff_code", "Staff code of conduct"
    SAFER_RECRUITMENT = "safer_recruitment", "Safer recruitment"
    WHISTLEBLOWING = "whistleblowing", "Whistleblowing"
    ALLEGATIONS = "allegations", "Managing allegations against staff"
    LOW_LEVEL_CONCERNS = "low_level_concerns", "Low-level concerns"
    ONLINE_SAFETY = "online_safety", "Online safety (filtering and monitoring)"
    BEHAVIOUR = "behaviour", "Behaviour"
    ATTENDANCE = "attendance", "Attendance and children missing education"
    ANTI_BULLYING = "anti_bullying", "Anti-bullying"
    RSE = "rse", "Relationships and sex education"
    HEALTH_SAFETY = "health_safety", "Health and safety"
    DATA_PROTECTION = "data_protection", "Data protection"
    OTHER = "other", "Other"


class ChecklistRequirement(models.Model):
    """One best-practice requirement for a type of policy. Shipped as data, editable in the admin."""

    policy_type = models.CharField(max_length=30, choices=PolicyType.choices)
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Inactive requirements no longer count.")

    class Meta:
        db_table = "crisis_checklistrequirement"
        ordering = ["policy_type", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Policy(models.Model):
    """One version of one policy of an organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="policies")
    policy_type = models.CharField(max_length=30, choices=PolicyType.choices)
    title = models.CharField(max_length=200)
    version = models.CharField(max_length=20, default="1.0")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField(null=True, blank=True)
    approved_by_body = models.CharField(
        max_length=120, blank=True, help_text="Who approved it, e.g. the governing body or the trustees."
    )
    next_review_on = models.DateField(help_text="Safeguarding policies are reviewed at least annually.")
    document = models.FileField(storage=private_storage, upload_to=policy_upload_to, blank=True, max_length=255)
    document_name = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "crisis_policy"
        ordering = ["policy_type", "title"]
        verbose_name_plural = "policies"
        indexes = [models.Index(fields=["organisation", "policy_type"], name="policy_org_type_idx")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("response:policy_detail", kwargs={"pk": self.organisation_id, "policy_pk": self.pk})

    @property
    def review_overdue(self) -> bool:
        return self.next_review_on < timezone.localdate()


class PolicyCheck(models.Model):
    """How one policy meets one checklist requirement."""

    class Result(models.TextChoices):
        MET = "met", "Met"
        PARTLY = "partly", "Partly met"
        NOT_MET = "not_met", "Not met"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="checks")
    requirement = models.ForeignKey(ChecklistRequirement, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=10, choices=Result.choices)
    note = models.TextField(blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "crisis_policycheck"
        ordering = ["requirement__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "requirement"], name="policycheck_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.policy}: {self.requirement} — {self.get_result_display()}"
