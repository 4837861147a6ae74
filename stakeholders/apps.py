from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stakeholders"
    verbose_name = "Stakeholder engagement"
