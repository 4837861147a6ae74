"""Pages of the training records, under /training/."""

from django.urls import path

from .views import matrix

app_name = "training"

urlpatterns: list = [
    path("me/", matrix.my_training, name="my_training"),
    path("<int:organisation_id>/matrix/", matrix.matrix, name="matrix"),
    path("<int:organisation_id>/matrix.csv", matrix.matrix_csv, name="matrix_csv"),
    path("<int:organisation_id>/record-pdf/", matrix.record_pdf_request, name="record_pdf_request"),
    path("<int:organisation_id>/record-pdf/<int:pk>/", matrix.record_pdf_download, name="record_pdf_download"),
]
