"""Pages of the training records, under /training/."""

from django.urls import path

from .views import courses

app_name = "training"

urlpatterns: list = [
    path("<int:organisation_id>/courses/", courses.course_list, name="course_list"),
    path("<int:organisation_id>/courses/new/", courses.course_create, name="course_create"),
    path("<int:organisation_id>/courses/<int:course_id>/", courses.course_detail, name="course_detail"),
    path("<int:organisation_id>/courses/<int:course_id>/edit/", courses.course_edit, name="course_edit"),
    path("<int:organisation_id>/sessions/<int:session_id>/", courses.session_detail, name="session_detail"),
    path("<int:organisation_id>/people/<int:person_id>/certificates/new/", courses.certificate_create,
         name="certificate_create"),
    path("<int:organisation_id>/records/<int:record_id>/", courses.record_detail, name="record_detail"),
    path("<int:organisation_id>/records/<int:record_id>/delete/", courses.record_delete, name="record_delete"),
    path("<int:organisation_id>/records/<int:record_id>/file/", courses.record_file, name="record_file"),
]
