"""The response plan's REST API (actions, policies, checkpoints), included at /api/v1/ without a
namespace: names start with "api-"."""

from django.urls import path

from . import api

urlpatterns = [
    path("cases/<str:reference>/actions/", api.CaseActionListApi.as_view(), name="api-case-actions"),
    path("actions/", api.ActionPlanApi.as_view(), name="api-action-plan"),
    path("actions/<int:pk>/", api.ActionDetailApi.as_view(), name="api-action-detail"),
    path("actions/<int:pk>/progress/", api.ActionProgressApi.as_view(), name="api-action-progress"),
    path("actions/<int:pk>/done/", api.ActionDoneApi.as_view(), name="api-action-done"),
    path("actions/<int:pk>/verify/", api.ActionVerifyApi.as_view(), name="api-action-verify"),
    path("actions/<int:pk>/reopen/", api.ActionReopenApi.as_view(), name="api-action-reopen"),
    path("actions/<int:pk>/notes/", api.ActionNoteListApi.as_view(), name="api-action-notes"),
    path("actions/<int:pk>/evidence/", api.ActionEvidenceListApi.as_view(), name="api-action-evidence"),
    path("actions/<int:pk>/evidence/<int:evidence_pk>/", api.ActionEvidenceDownloadApi.as_view(),
         name="api-action-evidence-download"),
    path("actions/<int:pk>/history/", api.ActionHistoryApi.as_view(), name="api-action-history"),
    path("organisations/<int:pk>/policies/", api.OrganisationPolicyListApi.as_view(),
         name="api-organisation-policies"),
    path("policies/<int:pk>/", api.PolicyDetailApi.as_view(), name="api-policy-detail"),
    path("policies/<int:pk>/checklist/", api.PolicyChecklistApi.as_view(), name="api-policy-checklist"),
    path("cases/<str:reference>/checkpoints/", api.CaseCheckpointListApi.as_view(),
         name="api-case-checkpoints"),
    path("cases/<str:reference>/checkpoints/figures/", api.CaseCheckpointFiguresApi.as_view(),
         name="api-case-checkpoint-figures"),
]
