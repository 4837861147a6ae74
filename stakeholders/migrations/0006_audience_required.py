import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0005_load_audiences")]

    operations = [
        migrations.AlterField(
            model_name="updateschedule",
            name="audience",
            field=models.ForeignKey(help_text="Which version of the report these stakeholders receive.",
                                    on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="stakeholders.audienceprofile"),
        ),
        migrations.AlterField(
            model_name="statusreport",
            name="audience",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="stakeholders.audienceprofile"),
        ),
    ]
