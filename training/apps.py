from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


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
        # The survey question bank is data the app ships: present after every migrate (and a flush).
        post_migrate.connect(load_survey_questions, sender=self)
        # Survey results stand beside the action figures in every improvement checkpoint.
        from response.services import register_checkpoint_figures

        from .selectors.surveys import survey_checkpoint_figures

        register_checkpoint_figures(survey_checkpoint_figures)


def give_default_requirements(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:
        return
    from .defaults import load_defaults
    from .models import Requirement, StaffRole

    load_defaults(instance.pk, instance.kind, StaffRole=StaffRole, Requirement=Requirement)


def load_survey_questions(sender, apps=None, using="default", **kwargs) -> None:
    """Add the shipped survey questions that are missing (never changes edited ones)."""
    from django.apps import apps as global_apps

    from .survey_questions import load_questions

    try:
        model = (apps or global_apps).get_model("training", "SurveyQuestion")
    except LookupError:  # migrating backwards, before the model exists
        return
    load_questions(model)
