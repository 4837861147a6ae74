"""URLs of the REST API, included at /api/v1/ without a namespace: names start with "api-"."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import api, api_actions, api_risks

urlpatterns = [
    path("auth/token/", api.TokenApi.as_view(), name="api-token"),
    path("organisations/", api.OrganisationListApi.as_view(), name="api-organisation-list"),
    path("organisations/<int:pk>/", api.OrganisationDetailApi.as_view(), name="api-organisation-detail"),
    path("cases/", api.CaseListApi.as_view(), name="api-case-list"),
    path("cases/<str:reference>/", api.CaseDetailApi.as_view(), name="api-case-detail"),
    path("cases/<str:reference>/stage/", api.CaseStageApi.as_view(), name="api-case-stage"),
    path("cases/<str:reference>/chronology/", api.CaseChronologyApi.as_view(), name="api-case-chronology"),
    path("chronology/", api.ChronologyListApi.as_view(), name="api-chronology-list"),
    # The OpenAPI 3 schema and Swagger UI, whose JS and CSS come from the sidecar app (no CDN).
    # No Redoc page: drf-spectacular's Redoc template loads Google Fonts.
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # The risk register (crisis/api_risks.py).
    path("cases/<str:reference>/risks/", api_risks.CaseRiskListApi.as_view(), name="api-case-risks"),
    path("cases/<str:reference>/risks/heat-map/", api_risks.CaseRiskHeatMapApi.as_view(),
         name="api-case-risk-heat-map"),
    path("cases/<str:reference>/risks/import/", api_risks.CaseRiskImportApi.as_view(), name="api-case-risk-import"),
    path("risks/<int:pk>/", api_risks.RiskDetailApi.as_view(), name="api-risk-detail"),
    path("risks/<int:pk>/rescore/", api_risks.RiskRescoreApi.as_view(), name="api-risk-rescore"),
    path("risks/<int:pk>/history/", api_risks.RiskHistoryApi.as_view(), name="api-risk-history"),
    path("risks/<int:pk>/comments/", api_risks.RiskCommentListApi.as_view(), name="api-risk-comments"),
    path("risks/<int:pk>/close/", api_risks.RiskCloseApi.as_view(), name="api-risk-close"),
    # The response plan: actions, policies, checkpoints (crisis/api_actions.py).
    path("cases/<str:reference>/actions/", api_actions.CaseActionListApi.as_view(), name="api-case-actions"),
    path("actions/", api_actions.ActionPlanApi.as_view(), name="api-action-plan"),
    path("actions/<int:pk>/", api_actions.ActionDetailApi.as_view(), name="api-action-detail"),
    path("actions/<int:pk>/progress/", api_actions.ActionProgressApi.as_view(), name="api-action-progress"),
    path("actions/<int:pk>/done/", api_actions.ActionDoneApi.as_view(), name="api-action-done"),
    path("actions/<int:pk>/verify/", api_actions.ActionVerifyApi.as_view(), name="api-action-verify"),
    path("actions/<int:pk>/reopen/", api_actions.ActionReopenApi.as_view(), name="api-action-reopen"),
    path("actions/<int:pk>/notes/", api_actions.ActionNoteListApi.as_view(), name="api-action-notes"),
    path("actions/<int:pk>/evidence/", api_actions.ActionEvidenceListApi.as_view(), name="api-action-evidence"),
    path("actions/<int:pk>/evidence/<int:evidence_pk>/", api_actions.ActionEvidenceDownloadApi.as_view(),
         name="api-action-evidence-download"),
    path("actions/<int:pk>/history/", api_actions.ActionHistoryApi.as_view(), name="api-action-history"),
    path("organisations/<int:pk>/policies/", api_actions.OrganisationPolicyListApi.as_view(),
         name="api-organisation-policies"),
    path("policies/<int:pk>/", api_actions.PolicyDetailApi.as_view(), name="api-policy-detail"),
    path("policies/<int:pk>/checklist/", api_actions.PolicyChecklistApi.as_view(), name="api-policy-checklist"),
    path("cases/<str:reference>/checkpoints/", api_actions.CaseCheckpointListApi.as_view(),
         name="api-case-checkpoints"),
    path("cases/<str:reference>/checkpoints/figures/", api_actions.CaseCheckpointFiguresApi.as_view(),
         name="api-case-checkpoint-figures"),
]
