"""Pages of stage 1: the risk register, its CSV, the "no risk" marks and the sign-off."""

from django.urls import path

from .views import csv, register

app_name = "assessment"

urlpatterns = [
    path("cases/<str:reference>/risks/", register.risk_register, name="risk_register"),
    path("cases/<str:reference>/risks/new/", register.risk_create, name="risk_create"),
    path("cases/<str:reference>/risks/<int:pk>/", register.risk_detail, name="risk_detail"),
    path("cases/<str:reference>/risks/<int:pk>/edit/", register.risk_edit, name="risk_edit"),
    path("cases/<str:reference>/risks/<int:pk>/rescore/", register.risk_rescore, name="risk_rescore"),
    path("cases/<str:reference>/risks/<int:pk>/close/", register.risk_close, name="risk_close"),
    path("cases/<str:reference>/risks/<int:pk>/comments/", register.risk_comment, name="risk_comment"),
    path("cases/<str:reference>/assessment/no-risk/", register.category_no_risk, name="category_no_risk"),
    path("cases/<str:reference>/assessment/no-risk/<int:pk>/remove/", register.category_no_risk_remove,
         name="category_no_risk_remove"),
    path("cases/<str:reference>/assessment/sign-off/", register.assessment_sign_off, name="assessment_sign_off"),
]

# Risk register CSV import and export.
urlpatterns += [
    path("cases/<str:reference>/risks/export.csv", csv.risk_export, name="risk_export"),
    path("cases/<str:reference>/risks/import/", csv.risk_import, name="risk_import"),
]
