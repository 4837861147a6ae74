"""Protected names: the people of a case whose names must never leave in a report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from .core import Case, Organisation

__all__ = ["ProtectedName", "split_aliases"]


def split_aliases(text: str) -> list[str]:
    """The other spellings of a protected name, one a line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ProtectedName(models.Model):
    """A person of a case whose name the report guard looks for: a child, the subject of an allegation,
    a witness. Only the case's consultants see and keep them.

    `__str__` never shows the name: it is what the audit log and the admin record of the row.
    """

    class Role(models.TextChoices):
        CHILD = "child", "Child or young person"
        SUBJECT = "subject", "Subject of an allegation"
        WITNESS = "witness", "Witness"
        FAMILY = "family", "Family member"
        OTHER = "other", "Other"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="protected_names")
    name = models.CharField("full name", max_length=200, help_text="As it is written, e.g. Jane Alice Smith.")
    also_known_as = models.TextField(
        "also known as",
        blank=True,
        help_text="Other spellings, nicknames, or a first name or surname used on its own: one a line.",
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    note = models.TextField(blank=True, help_text="For the consultants: why the name is protected.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "case"], name="protectedname_org_case_idx")]
        constraints = [
            # The services say so in words first; this keeps two requests at once from both adding it.
            models.UniqueConstraint(models.F("case"), Lower("name"), name="protectedname_unique_per_case"),
        ]

    def __str__(self) -> str:
        return f"Protected name {self.pk or '(new)'}: {self.get_role_display()}"

    @property
    def aliases(self) -> list[str]:
        return split_aliases(self.also_known_as)
