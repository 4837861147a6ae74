"""Pages of stage 3: the action plan, evidence, "Our action plan", the action plan PDF, the policy
register and improvement checkpoints."""

from django.urls import path

from .views import actions, policies

app_name = "response"

# Action plan, evidence, the leader's "our action plan" and reports.
urlpatterns = [
    path("actions/", actions.our_action_plan, name="our_action_plan"),
    path("cases/<str:reference>/actions/", actions.action_list, name="action_list"),
    path("cases/<str:reference>/actions/new/", actions.action_create, name="action_create"),
    path("cases/<str:reference>/actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("cases/<str:reference>/actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("cases/<str:reference>/actions/<int:pk>/progress/", actions.action_progress, name="action_progress"),
    path("cases/<str:reference>/actions/<int:pk>/done/", actions.action_done, name="action_done"),
    path("cases/<str:reference>/actions/<int:pk>/verify/", actions.action_verify, name="action_verify"),
    path("cases/<str:reference>/actions/<int:pk>/reopen/", actions.action_reopen, name="action_reopen"),
    path("cases/<str:reference>/actions/<int:pk>/notes/", actions.action_note, name="action_note"),
    path("cases/<str:reference>/actions/<int:pk>/evidence/", actions.action_evidence, name="action_evidence"),
    path("cases/<str:reference>/actions/<int:pk>/evidence/<int:evidence_pk>/", actions.evidence_download,
         name="evidence_download"),
    path("cases/<str:reference>/reports/new/", actions.report_create, name="report_create"),
    path("cases/<str:reference>/reports/<int:pk>/", actions.report_download, name="report_download"),
]

# Policies and procedures register, improvement checkpoints (stage 3).
urlpatterns += [
    path("organisations/<int:pk>/policies/", policies.policy_list, name="policy_list"),
    path("organisations/<int:pk>/policies/new/", policies.policy_create, name="policy_create"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/", policies.policy_detail, name="policy_detail"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/edit/", policies.policy_edit, name="policy_edit"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/checklist/", policies.policy_checklist,
         name="policy_checklist"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/document/", policies.policy_document,
         name="policy_document"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/suggest-action/", policies.policy_suggest_action,
         name="policy_suggest_action"),
    path("cases/<str:reference>/checkpoints/", policies.checkpoint_list, name="checkpoint_list"),
    path("cases/<str:reference>/checkpoints/new/", policies.checkpoint_create, name="checkpoint_create"),
    path("cases/<str:reference>/checkpoints/<int:pk>/", policies.checkpoint_detail, name="checkpoint_detail"),
]
