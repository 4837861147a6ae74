from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """Stage 1, assessment and evaluation: the risk register and the gate out of Assessment."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "assessment"
    verbose_name = "Stage 1 — assessment (risk register)"

    def ready(self) -> None:
        from crisis.models import Stage
        from crisis.stages import register_gate

        from .services import assessment_gate_problems

        register_gate(Stage.ASSESSMENT, Stage.ENGAGEMENT, assessment_gate_problems)
