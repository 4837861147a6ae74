from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StakeholdersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stakeholders"
    verbose_name = "Stakeholder engagement"

    def ready(self) -> None:
        # The audience profiles are data the app ships: present after every migrate, and again
        # after a flush empties the table (a test that commits ends with one).
        post_migrate.connect(load_shipped_audiences, sender=self)


def load_shipped_audiences(sender, apps=None, using="default", **kwargs) -> None:
    """Add the shipped audience profiles that are missing (never changes edited ones)."""
    from django.apps import apps as global_apps

    from .audiences import load_audiences

    try:
        model = (apps or global_apps).get_model("stakeholders", "AudienceProfile")
    except LookupError:  # migrating backwards, before the model exists
        return
    load_audiences(model)
