from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('crisis', '0011_report_kind_training_record'),
    ]

    operations = [
        migrations.AlterField(
            model_name='report',
            name='kind',
            field=models.CharField(choices=[('action_plan', 'Action plan'), ('status_report', 'Status report'), ('training_record', 'Training record'), ('closure_report', 'Closure report')], max_length=20),
        ),
    ]
