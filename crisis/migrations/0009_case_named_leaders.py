"""A restricted case names its leaders as it names its consultants.

Until now every leader of the organisation saw its restricted cases, through the organisation
permission `view_restricted_cases`. From here a leader sees a restricted case only when named on it
(`Case.leaders`, with guardian's `view_case` on the case, as for the named consultants), so that a
leader the case concerns can be left out. So that nobody silently loses access, each restricted case
that exists now names the organisation's current leaders; consultants then un-name whoever must not
see it. The organisation permission then means nothing and goes, with its grants.

Reversible: going back grants `view_restricted_cases` to the leaders again and takes back the
`view_case` of the named leaders.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

LEADER = "leader"
VIEW_RESTRICTED = "view_restricted_cases"


def _create_permissions(apps) -> None:
    # Permissions are normally created after migrate; make sure the state's ones exist now.
    app_config = apps.get_app_config("crisis")
    app_config.models_module = True  # the historical app config has none; create_permissions asks
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None


def _permission(apps, model: str, codename: str):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="crisis", content_type__model=model, codename=codename)


def name_current_leaders(apps, schema_editor):
    Case = apps.get_model("crisis", "Case")
    Membership = apps.get_model("crisis", "Membership")
    CasePerm = apps.get_model("crisis", "CaseUserObjectPermission")
    restricted = list(Case.objects.filter(restricted=True))
    if not restricted:
        return
    _create_permissions(apps)
    view_case = _permission(apps, "case", "view_case")
    leaders: dict[int, list[int]] = {}
    for organisation_id, user_id in Membership.objects.filter(role=LEADER).values_list("organisation_id", "user_id"):
        leaders.setdefault(organisation_id, []).append(user_id)
    for case in restricted:
        for user_id in leaders.get(case.organisation_id, []):
            case.leaders.add(user_id)
            CasePerm.objects.get_or_create(user_id=user_id, content_object_id=case.pk, permission=view_case)


def unname_leaders(apps, schema_editor):
    Case = apps.get_model("crisis", "Case")
    CasePerm = apps.get_model("crisis", "CaseUserObjectPermission")
    for case in Case.objects.filter(leaders__isnull=False).distinct():
        named = set(case.leaders.values_list("pk", flat=True)) - set(case.consultants.values_list("pk", flat=True))
        CasePerm.objects.filter(content_object_id=case.pk, user_id__in=named,
                                permission__codename="view_case").delete()


def drop_view_restricted(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    # The grants go with the permission (their foreign key cascades).
    Permission.objects.filter(content_type__app_label="crisis", content_type__model="organisation",
                              codename=VIEW_RESTRICTED).delete()


def grant_view_restricted(apps, schema_editor):
    Membership = apps.get_model("crisis", "Membership")
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    memberships = list(Membership.objects.filter(role=LEADER))
    if not memberships:
        return
    _create_permissions(apps)
    permission = _permission(apps, "organisation", VIEW_RESTRICTED)
    for membership in memberships:
        OrgPerm.objects.get_or_create(user_id=membership.user_id, content_object_id=membership.organisation_id,
                                      permission=permission)


class Migration(migrations.Migration):

    dependencies = [
        ("crisis", "0008_stage_models_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="leaders",
            field=models.ManyToManyField(
                blank=True,
                help_text="The named leaders of the organisation; for a restricted case, the only leaders who see it.",
                related_name="leader_cases",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="restricted",
            field=models.BooleanField(
                default=False, help_text="Only the named consultants and the named leaders see a restricted case."
            ),
        ),
        migrations.RunPython(name_current_leaders, unname_leaders),
        # Before the permission leaves the model's options, so that going back can create it again.
        migrations.RunPython(drop_view_restricted, grant_view_restricted),
        migrations.AlterModelOptions(
            name="organisation",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("view_org_cases", "See the organisation's cases that are not restricted"),
                    ("manage_org_cases", "Open, edit and move the organisation's cases; keep the chronology"),
                    ("view_confidential", "See consultant-only notes"),
                    ("view_risk_register", "See the whole risk register of the organisation's cases"),
                    ("comment_on_risks", "Comment on the organisation's risks"),
                    ("manage_policies", "Keep the organisation's policies and procedures register"),
                ],
            },
        ),
    ]
