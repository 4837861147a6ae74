"""Shipped the best-practice checklist for each policy type.

The checklists moved with stage 3 to the response app, whose migration 0002 loads them (it adds
only the requirements that are missing, so a database that ran this migration before is unchanged).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("crisis", "0004_response_plan")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
