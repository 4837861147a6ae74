from django.apps import AppConfig
from django.db.models.signals import post_save


class TrainingConfig(AppConfig):
    """Training records (stages 3 and 4): roles, requirements, people, courses, sessions, records."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "training"
    verbose_name = "Training records"

    def ready(self) -> None:
        from crisis.models import Organisation, Stage
        from crisis.stages import register_gate, register_stage_entered

        from .services.exit import exit_gate_problems, exit_stage_entered

        # A new organisation gets the training requirements shipped for its kind, to edit.
        post_save.connect(give_default_requirements, sender=Organisation, dispatch_uid="training-defaults")
        # Stage 4: the exit criteria guard Recovery -> Closed; closing plans the follow-up reviews
        # and re-opening cancels them.
        register_gate(Stage.RECOVERY, Stage.CLOSED, exit_gate_problems)
        register_stage_entered(Stage.CLOSED, exit_stage_entered)
        register_stage_entered(Stage.RECOVERY, exit_stage_entered)


def give_default_requirements(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    from .defaults import load_defaults
    from .models import Requirement, StaffRole

    load_defaults(instance.pk, instance.kind, StaffRole=StaffRole, Requirement=Requirement)
