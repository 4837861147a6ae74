"""Actions saved "not started" with progress above 0 are in progress.

The progress form sent the status it showed ("not started") with the first progress entered, and
that kept the action not started; the plan, the page and the governors' PDF then contradicted the
progress. Each action moved here gets an audit event saying so (no actor: nobody changed it by hand).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Action = apps.get_model("response", "Action")
    AuditEvent = apps.get_model("crisis", "AuditEvent")
    started = list(Action.objects.filter(status="not_started", progress__gt=0).only("pk", "title", "organisation_id",
                                                                                    "case_id"))
    if not started:
        return
    Action.objects.filter(pk__in=[a.pk for a in started]).update(status="in_progress")
    AuditEvent.objects.bulk_create(
        AuditEvent(verb="action.progress", organisation_id=a.organisation_id, case_id=a.case_id,
                   object_type="response.action", object_id=str(a.pk), object_repr=a.title[:200],
                   summary={"title": a.title, "status": {"from": "not_started", "to": "in_progress"},
                            "why": "Progress above 0 means the action is in progress."})
        for a in started
    )


class Migration(migrations.Migration):
    dependencies = [("response", "0002_load_checklists"), ("crisis", "0008_stage_models_moved")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
