"""Stages 1 and 3 leave the core: their models now belong to the assessment and response apps
(whose 0001 migrations took them over on the same tables). Only Django's picture of the core
changes here; no table is dropped or touched."""

from django.db import migrations

MOVED = [
    # Dependents before what they point at, so the state never holds a dangling reference.
    "evidence",
    "actionnote",
    "actionevent",
    "action",
    "policycheck",
    "policy",
    "checklistrequirement",
    "improvementcheckpoint",
    "reminderdigest",
    "riskscorechange",
    "riskcomment",
    "categorynorisk",
    "assessmentsignoff",
    "risk",
]


class Migration(migrations.Migration):
    dependencies = [
        ("crisis", "0007_grant_manage_policies"),
        ("assessment", "0001_initial"),
        ("response", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name) for name in MOVED]),
    ]
