from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ResponseConfig(AppConfig):
    """Stage 3, the rapid response plan: actions, policies, checkpoints and the gate to Recovery."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "response"
    verbose_name = "Stage 3 — rapid response plan"

    def ready(self) -> None:
        from crisis.models import Stage
        from crisis.stages import register_gate

        from .services import response_gate_problems

        register_gate(Stage.RESPONSE, Stage.RECOVERY, response_gate_problems)
        # The policy checklists are data the app ships (like content types): present after every
        # migrate, and again after a flush empties the tables (a test that commits ends with one).
        post_migrate.connect(load_shipped_checklists, sender=self)


def load_shipped_checklists(sender, apps=None, using="default", **kwargs) -> None:
    """Add the shipped checklist requirements that are missing (never changes edited ones)."""
    from django.apps import apps as global_apps

    from .checklists import load_checklists

    try:
        model = (apps or global_apps).get_model("response", "ChecklistRequirement")
    except LookupError:  # migrating backwards, before the model exists
        return
    load_checklists(model)
