"""Existing leaders and assigned consultants keep the policy register: grant them manage_policies."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("crisis")
    app_config.models_module = True  # the historical app config has none; create_permissions asks
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Membership = apps.get_model("crisis", "Membership")
    Assignment = apps.get_model("crisis", "Assignment")
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    permission = Permission.objects.get(
        content_type__app_label="crisis", content_type__model="organisation", codename="manage_policies"
    )
    holders = {(m.user_id, m.organisation_id) for m in Membership.objects.filter(role="leader")}
    holders |= {(a.consultant_id, a.organisation_id) for a in Assignment.objects.all()}
    for user_id, organisation_id in holders:
        OrgPerm.objects.get_or_create(user_id=user_id, content_object_id=organisation_id, permission=permission)


def revoke(apps, schema_editor):
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    OrgPerm.objects.filter(permission__codename="manage_policies", permission__content_type__app_label="crisis").delete()


class Migration(migrations.Migration):
    dependencies = [("crisis", "0006_manage_policies_permission")]

    operations = [migrations.RunPython(grant, revoke)]
