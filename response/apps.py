from django.apps import AppConfig


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
