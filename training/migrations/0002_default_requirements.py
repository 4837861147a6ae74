"""Give every organisation that exists the training roles and requirements shipped for its kind."""

from django.db import migrations


def forwards(apps, schema_editor):
    from training.defaults import load_defaults

    StaffRole = apps.get_model("training", "StaffRole")
    Requirement = apps.get_model("training", "Requirement")
    for organisation_id, kind in apps.get_model("crisis", "Organisation").objects.values_list("pk", "kind"):
        load_defaults(organisation_id, kind, StaffRole=StaffRole, Requirement=Requirement)


class Migration(migrations.Migration):
    dependencies = [("training", "0001_training_records"), ("crisis", "0010_protected_names")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
