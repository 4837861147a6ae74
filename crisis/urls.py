from django.urls import path

from .views import cases, risk_csv
from .views import risks as risk_pages

app_name = "crisis"

urlpatterns = [
    path("", cases.home, name="home"),
    path("healthz", cases.healthz, name="healthz"),
    path("home/", cases.client_home, name="client_home"),
    path("dashboard/", cases.dashboard, name="dashboard"),
    path("organisations/", cases.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", cases.organisation_detail, name="organisation_detail"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/<str:reference>/", cases.case_detail, name="case_detail"),
    path("cases/<str:reference>/edit/", cases.case_edit, name="case_edit"),
    path("cases/<str:reference>/stage/", cases.case_stage_move, name="case_stage_move"),
    path("cases/<str:reference>/chronology/", cases.chronology_add, name="chronology_add"),
    path("cases/<str:reference>/deadlines/", cases.deadline_add, name="deadline_add"),
    path("cases/<str:reference>/deadlines/<int:pk>/done/", cases.deadline_done, name="deadline_done"),
]

# Risk register pages (stage 1).
urlpatterns += [
    path("cases/<str:reference>/risks/", risk_pages.risk_register, name="risk_register"),
    path("cases/<str:reference>/risks/new/", risk_pages.risk_create, name="risk_create"),
    path("cases/<str:reference>/risks/<int:pk>/", risk_pages.risk_detail, name="risk_detail"),
    path("cases/<str:reference>/risks/<int:pk>/edit/", risk_pages.risk_edit, name="risk_edit"),
    path("cases/<str:reference>/risks/<int:pk>/rescore/", risk_pages.risk_rescore, name="risk_rescore"),
    path("cases/<str:reference>/risks/<int:pk>/close/", risk_pages.risk_close, name="risk_close"),
    path("cases/<str:reference>/risks/<int:pk>/comments/", risk_pages.risk_comment, name="risk_comment"),
    path("cases/<str:reference>/assessment/no-risk/", risk_pages.category_no_risk, name="category_no_risk"),
    path("cases/<str:reference>/assessment/no-risk/<int:pk>/remove/", risk_pages.category_no_risk_remove,
         name="category_no_risk_remove"),
    path("cases/<str:reference>/assessment/sign-off/", risk_pages.assessment_sign_off, name="assessment_sign_off"),
]

# Risk register CSV import and export.
urlpatterns += [
    path("cases/<str:reference>/risks/export.csv", risk_csv.risk_export, name="risk_export"),
    path("cases/<str:reference>/risks/import/", risk_csv.risk_import, name="risk_import"),
]

# Action plan, evidence, the leader's "our action plan" and reports (stage 3).
urlpatterns += []

# Policies and procedures register, improvement checkpoints (stage 3).
urlpatterns += []
