from django.urls import path

from .views import cases, privacy

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
    path("cases/<str:reference>/protected-names/", privacy.protected_name_list, name="protected_name_list"),
    path("cases/<str:reference>/protected-names/<int:pk>/", privacy.protected_name_edit, name="protected_name_edit"),
    path("cases/<str:reference>/protected-names/<int:pk>/delete/", privacy.protected_name_delete,
         name="protected_name_delete"),
]
