"""Pages of the training records, under /training/."""

from django.urls import path

from .views import gaps

app_name = "training"

urlpatterns: list = [
    path("<int:organisation_id>/gaps/", gaps.gaps, name="gaps"),
    path("<int:organisation_id>/gaps/actions/", gaps.gaps_actions, name="gaps_actions"),
]
