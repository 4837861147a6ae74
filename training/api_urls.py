"""The training API under /api/v1/."""

from django.urls import path

from .api import matrix

urlpatterns: list = [
    path("organisations/<int:organisation_id>/training/matrix/", matrix.MatrixApi.as_view(),
         name="api-training-matrix"),
    path("organisations/<int:organisation_id>/training/record-pdf/", matrix.RecordPdfApi.as_view(),
         name="api-training-record-pdf"),
    path("organisations/<int:organisation_id>/training/record-pdf/<int:pk>/", matrix.RecordPdfDownloadApi.as_view(),
         name="api-training-record-pdf-download"),
]
