"""Ship the audience profiles and give every existing schedule and status report one: the profile of
its stakeholders' kind (the most common kind among them), a schedule for an audience outside the
organisation needing approval from now on; and number the existing reports of each case."""

from collections import Counter

from django.db import migrations


def forwards(apps, schema_editor):
    from stakeholders.audiences import load_audiences

    Profile = apps.get_model("stakeholders", "AudienceProfile")
    load_audiences(Profile)
    by_kind = {}
    for profile in Profile.objects.order_by("position", "id"):
        for kind in profile.stakeholder_kinds:
            by_kind.setdefault(kind, profile)
    fallback = Profile.objects.get(key="regulator")

    def audience_of(row):
        kinds = Counter(row.stakeholders.values_list("kind", flat=True))
        for kind, _ in kinds.most_common():
            if kind in by_kind:
                return by_kind[kind]
        return fallback

    for schedule in apps.get_model("stakeholders", "UpdateSchedule").objects.all():
        schedule.audience = audience_of(schedule)
        schedule.requires_approval = schedule.requires_approval or schedule.audience.external
        schedule.save(update_fields=["audience", "requires_approval"])
    numbers = Counter()
    for report in apps.get_model("stakeholders", "StatusReport").objects.order_by("created_at", "id"):
        numbers[report.case_id] += 1
        report.audience = report.schedule.audience if report.schedule_id else audience_of(report)
        report.sections = report.audience.sections
        report.number = numbers[report.case_id]
        report.revision = 1 if report.report_id else 0
        report.save(update_fields=["audience", "sections", "number", "revision"])


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0004_audiences_and_four_eyes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
