from django.urls import path

from .views import actions as action_pages
from .views import cases, risk_csv
from .views import policies as policy_pages
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
urlpatterns += [
    path("actions/", action_pages.our_action_plan, name="our_action_plan"),
    path("cases/<str:reference>/actions/", action_pages.action_list, name="action_list"),
    path("cases/<str:reference>/actions/new/", action_pages.action_create, name="action_create"),
    path("cases/<str:reference>/actions/<int:pk>/", action_pages.action_detail, name="action_detail"),
    path("cases/<str:reference>/actions/<int:pk>/edit/", action_pages.action_edit, name="action_edit"),
    path("cases/<str:reference>/actions/<int:pk>/progress/", action_pages.action_progress, name="action_progress"),
    path("cases/<str:reference>/actions/<int:pk>/done/", action_pages.action_done, name="action_done"),
    path("cases/<str:reference>/actions/<int:pk>/verify/", action_pages.action_verify, name="action_verify"),
    path("cases/<str:reference>/actions/<int:pk>/reopen/", action_pages.action_reopen, name="action_reopen"),
    path("cases/<str:reference>/actions/<int:pk>/notes/", action_pages.action_note, name="action_note"),
    path("cases/<str:reference>/actions/<int:pk>/evidence/", action_pages.action_evidence, name="action_evidence"),
    path("cases/<str:reference>/actions/<int:pk>/evidence/<int:evidence_pk>/", action_pages.evidence_download,
         name="evidence_download"),
    path("cases/<str:reference>/reports/new/", action_pages.report_create, name="report_create"),
    path("cases/<str:reference>/reports/<int:pk>/", action_pages.report_download, name="report_download"),
]

# Policies and procedures register, improvement checkpoints (stage 3).
urlpatterns += [
    path("organisations/<int:pk>/policies/", policy_pages.policy_list, name="policy_list"),
    path("organisations/<int:pk>/policies/new/", policy_pages.policy_create, name="policy_create"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/", policy_pages.policy_detail, name="policy_detail"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/edit/", policy_pages.policy_edit, name="policy_edit"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/checklist/", policy_pages.policy_checklist,
         name="policy_checklist"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/document/", policy_pages.policy_document,
         name="policy_document"),
    path("organisations/<int:pk>/policies/<int:policy_pk>/suggest-action/", policy_pages.policy_suggest_action,
         name="policy_suggest_action"),
    path("cases/<str:reference>/checkpoints/", policy_pages.checkpoint_list, name="checkpoint_list"),
    path("cases/<str:reference>/checkpoints/new/", policy_pages.checkpoint_create, name="checkpoint_create"),
    path("cases/<str:reference>/checkpoints/<int:pk>/", policy_pages.checkpoint_detail, name="checkpoint_detail"),
]
