"""URLs of the REST API, included at /api/v1/ without a namespace: names start with "api-"."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import api

urlpatterns = [
    path("auth/token/", api.TokenApi.as_view(), name="api-token"),
    path("organisations/", api.OrganisationListApi.as_view(), name="api-organisation-list"),
    path("organisations/<int:pk>/", api.OrganisationDetailApi.as_view(), name="api-organisation-detail"),
    path("cases/", api.CaseListApi.as_view(), name="api-case-list"),
    path("cases/<str:reference>/", api.CaseDetailApi.as_view(), name="api-case-detail"),
    path("cases/<str:reference>/stage/", api.CaseStageApi.as_view(), name="api-case-stage"),
    path("cases/<str:reference>/chronology/", api.CaseChronologyApi.as_view(), name="api-case-chronology"),
    path("cases/<str:reference>/protected-names/", api.CaseProtectedNameListApi.as_view(),
         name="api-case-protected-names"),
    path("cases/<str:reference>/protected-names/<int:pk>/", api.CaseProtectedNameDetailApi.as_view(),
         name="api-case-protected-name-detail"),
    path("chronology/", api.ChronologyListApi.as_view(), name="api-chronology-list"),
    # The OpenAPI 3 schema and Swagger UI, whose JS and CSS come from the sidecar app (no CDN).
    # No Redoc page: drf-spectacular's Redoc template loads Google Fonts.
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
