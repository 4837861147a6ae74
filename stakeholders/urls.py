"""Pages of the stakeholders app."""

from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("reports/link/<str:token>/", views.report_link, name="report_link"),
]
