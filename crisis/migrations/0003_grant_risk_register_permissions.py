"""Existing leaders and assigned consultants get the risk register permissions their roles now carry."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEW = ("view_risk_register", "comment_on_risks")


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure these two exist now.
    app_config = apps.get_app_config("crisis")
    app_config.models_module = True  # the historical app config has none; create_permissions asks
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Membership = apps.get_model("crisis", "Membership")
    Assignment = apps.get_model("crisis", "Assignment")
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="crisis", content_type__model="organisation", codename__in=NEW)
    )
    holders = {(m.user_id, m.organisation_id) for m in Membership.objects.filter(role="leader")}
    holders |= {(a.consultant_id, a.organisation_id) for a in Assignment.objects.all()}
    for user_id, organisation_id in holders:
        for permission in permissions:
            OrgPerm.objects.get_or_create(user_id=user_id, content_object_id=organisation_id, permission=permission)


def revoke(apps, schema_editor):
    OrgPerm = apps.get_model("crisis", "OrganisationUserObjectPermission")
    OrgPerm.objects.filter(permission__codename__in=NEW, permission__content_type__app_label="crisis").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("crisis", "0002_risk_register"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
