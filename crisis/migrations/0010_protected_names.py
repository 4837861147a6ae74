# The names a case protects from its outgoing reports (crisis/models/privacy.py).

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('crisis', '0009_case_named_leaders'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProtectedName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='As it is written, e.g. Jane Alice Smith.', max_length=200, verbose_name='full name')),
                ('also_known_as', models.TextField(blank=True, help_text='Other spellings, nicknames, or a first name or surname used on its own: one a line.', verbose_name='also known as')),
                ('role', models.CharField(choices=[('child', 'Child or young person'), ('subject', 'Subject of an allegation'), ('witness', 'Witness'), ('family', 'Family member'), ('other', 'Other')], max_length=20)),
                ('note', models.TextField(blank=True, help_text='For the consultants: why the name is protected.')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='protected_names', to='crisis.case')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='crisis.organisation')),
            ],
            options={
                'ordering': ['name', 'id'],
                'indexes': [models.Index(fields=['organisation', 'case'], name='protectedname_org_case_idx')],
                'constraints': [models.UniqueConstraint(models.F('case'), django.db.models.functions.text.Lower('name'), name='protectedname_unique_per_case')],
            },
        ),
    ]
