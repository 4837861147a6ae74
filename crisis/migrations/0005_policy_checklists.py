"""Ship the best-practice checklist for each policy type."""

from django.db import migrations


def load(apps, schema_editor):
    from crisis.checklists import load_checklists

    load_checklists(apps.get_model("crisis", "ChecklistRequirement"))


class Migration(migrations.Migration):
    dependencies = [("crisis", "0004_response_plan")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
