"""Pages of stakeholder engagement, under each case (and the public signed report link)."""

from django.urls import path

from . import views

app_name = "stakeholders"

urlpatterns = [
    path("stakeholders/reports/link/<str:token>/", views.report_link, name="report_link"),
]
