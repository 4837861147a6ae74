"""Ship the best-practice checklist for each policy type (adds only the requirements missing, so a
database whose checklists were loaded before the response app existed is left as it is)."""

from django.db import migrations


def load(apps, schema_editor):
    from response.checklists import load_checklists

    load_checklists(apps.get_model("response", "ChecklistRequirement"))


class Migration(migrations.Migration):
    dependencies = [("response", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
