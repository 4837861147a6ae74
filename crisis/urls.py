from django.urls import path

from . import views

app_name = "crisis"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("home/", views.client_home, name="client_home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<str:reference>/", views.case_detail, name="case_detail"),
    path("cases/<str:reference>/edit/", views.case_edit, name="case_edit"),
    path("cases/<str:reference>/stage/", views.case_stage_move, name="case_stage_move"),
    path("cases/<str:reference>/chronology/", views.chronology_add, name="chronology_add"),
    path("cases/<str:reference>/deadlines/", views.deadline_add, name="deadline_add"),
    path("cases/<str:reference>/deadlines/<int:pk>/done/", views.deadline_done, name="deadline_done"),
]
