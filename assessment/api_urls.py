"""The risk register's REST API, included at /api/v1/ without a namespace: names start with "api-"."""

from django.urls import path

from . import api

urlpatterns = [
    path("cases/<str:reference>/risks/", api.CaseRiskListApi.as_view(), name="api-case-risks"),
    path("cases/<str:reference>/risks/heat-map/", api.CaseRiskHeatMapApi.as_view(),
         name="api-case-risk-heat-map"),
    path("cases/<str:reference>/risks/import/", api.CaseRiskImportApi.as_view(), name="api-case-risk-import"),
    path("risks/<int:pk>/", api.RiskDetailApi.as_view(), name="api-risk-detail"),
    path("risks/<int:pk>/rescore/", api.RiskRescoreApi.as_view(), name="api-risk-rescore"),
    path("risks/<int:pk>/history/", api.RiskHistoryApi.as_view(), name="api-risk-history"),
    path("risks/<int:pk>/comments/", api.RiskCommentListApi.as_view(), name="api-risk-comments"),
    path("risks/<int:pk>/close/", api.RiskCloseApi.as_view(), name="api-risk-close"),
]
