"""Pages of the training records, under /training/."""

from django.urls import path

from .views import closure, courses, gaps, matrix, people

app_name = "training"

urlpatterns: list = [
    path("<int:organisation_id>/people/", people.people_list, name="people_list"),
    path("<int:organisation_id>/people/add/", people.person_create, name="person_create"),
    path("<int:organisation_id>/people/import/", people.people_import, name="people_import"),
    path("<int:organisation_id>/people/import/template.csv", people.people_import_template,
         name="people_import_template"),
    path("<int:organisation_id>/people/<int:pk>/", people.person_detail, name="person_detail"),
    path("<int:organisation_id>/people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("<int:organisation_id>/requirements/", people.requirement_list, name="requirement_list"),
    path("<int:organisation_id>/requirements/add/", people.requirement_create, name="requirement_create"),
    path("<int:organisation_id>/requirements/<int:pk>/edit/", people.requirement_edit, name="requirement_edit"),
    path("<int:organisation_id>/roles/add/", people.role_create, name="role_create"),
    path("<int:organisation_id>/roles/<int:pk>/rename/", people.role_edit, name="role_edit"),
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
    path("<int:organisation_id>/gaps/", gaps.gaps, name="gaps"),
    path("<int:organisation_id>/gaps/actions/", gaps.gaps_actions, name="gaps_actions"),
    path("me/", matrix.my_training, name="my_training"),
    path("<int:organisation_id>/matrix/", matrix.matrix, name="matrix"),
    path("<int:organisation_id>/matrix.csv", matrix.matrix_csv, name="matrix_csv"),
    path("<int:organisation_id>/record-pdf/", matrix.record_pdf_request, name="record_pdf_request"),
    path("<int:organisation_id>/record-pdf/<int:pk>/", matrix.record_pdf_download, name="record_pdf_download"),
    # Closure report of a case.
    path("cases/<str:reference>/closure/", closure.closure_page, name="closure"),
    path("cases/<str:reference>/closure/new/", closure.closure_create, name="closure_create"),
    path("cases/<str:reference>/closure/<int:pk>/", closure.closure_detail, name="closure_detail"),
    path("cases/<str:reference>/closure/<int:pk>/request/", closure.closure_request, name="closure_request"),
    path("cases/<str:reference>/closure/<int:pk>/approve/", closure.closure_approve, name="closure_approve"),
    path("cases/<str:reference>/closure/<int:pk>/refuse/", closure.closure_refuse, name="closure_refuse"),
    path("cases/<str:reference>/closure/<int:pk>/override/", closure.closure_override, name="closure_override"),
    path("cases/<str:reference>/closure/<int:pk>/retry/", closure.closure_retry, name="closure_retry"),
    path("cases/<str:reference>/closure/<int:pk>/pdf/", closure.closure_download, name="closure_download"),
]
