"""The training API under /api/v1/."""

from django.urls import path

from .api import gaps

urlpatterns: list = [
    path("organisations/<int:organisation_id>/training/gaps/", gaps.TrainingGapsApi.as_view(),
         name="api-training-gaps"),
    path("organisations/<int:organisation_id>/training/gaps/actions/", gaps.TrainingGapActionsApi.as_view(),
         name="api-training-gap-actions"),
]
