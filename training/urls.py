"""Pages of the training records, under /training/."""

from django.urls import path

from .views import courses, evaluations, exit, gaps, matrix, people, surveys

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
    # Stage 4: the exit criteria of a case, its sign-offs, override, closing and follow-up reviews.
    path("cases/<str:reference>/exit/", exit.exit_readiness, name="exit_readiness"),
    path("cases/<str:reference>/exit/criteria/", exit.exit_criteria_edit, name="exit_criteria_edit"),
    path("cases/<str:reference>/exit/sign-off/", exit.exit_sign_off, name="exit_sign_off"),
    path("cases/<str:reference>/exit/override/", exit.exit_override_request, name="exit_override_request"),
    path("cases/<str:reference>/exit/override/<int:pk>/decide/", exit.exit_override_decide,
         name="exit_override_decide"),
    path("cases/<str:reference>/exit/close/", exit.exit_close, name="exit_close"),
    path("cases/<str:reference>/exit/reopen/", exit.exit_reopen, name="exit_reopen"),
    path("cases/<str:reference>/exit/follow-ups/<int:pk>/done/", exit.follow_up_done, name="follow_up_done"),
    # Anonymous surveys of a case, and the response page a survey link opens (no login).
    path("cases/<str:reference>/surveys/", surveys.survey_list, name="survey_list"),
    path("cases/<str:reference>/surveys/new/", surveys.survey_create, name="survey_create"),
    path("cases/<str:reference>/surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("cases/<str:reference>/surveys/<int:pk>/open/", surveys.survey_open, name="survey_open"),
    path("cases/<str:reference>/surveys/<int:pk>/close/", surveys.survey_close, name="survey_close"),
    path("cases/<str:reference>/surveys/<int:pk>/rerun/", surveys.survey_rerun, name="survey_rerun"),
    path("cases/<str:reference>/surveys/<int:pk>/links/new/", surveys.survey_link_new, name="survey_link_new"),
    path("cases/<str:reference>/surveys/<int:pk>/links/<int:link_pk>/revoke/", surveys.survey_link_revoke,
         name="survey_link_revoke"),
    path("cases/<str:reference>/surveys/<int:pk>/comments/<int:comment_pk>/share/", surveys.survey_comment_share,
         name="survey_comment_share"),
    path("s/<str:token>/", surveys.survey_respond, name="survey_respond"),
]

# Other evaluations: knowledge checks after training, and a case's observations and learning walks.
urlpatterns += [
    path("<int:organisation_id>/courses/<int:course_id>/check/new/", evaluations.check_create, name="check_create"),
    path("<int:organisation_id>/checks/<int:check_id>/", evaluations.check_detail, name="check_detail"),
    path("<int:organisation_id>/checks/<int:check_id>/questions/new/", evaluations.check_question_create,
         name="check_question_create"),
    path("<int:organisation_id>/checks/<int:check_id>/questions/<int:pk>/", evaluations.check_question_edit,
         name="check_question_edit"),
    path("<int:organisation_id>/checks/<int:check_id>/questions/<int:pk>/delete/", evaluations.check_question_delete,
         name="check_question_delete"),
    path("<int:organisation_id>/checks/<int:check_id>/record/", evaluations.check_record, name="check_record"),
    path("me/checks/<int:check_id>/", evaluations.my_check, name="my_check"),
    path("me/attempts/<int:attempt_id>/", evaluations.my_attempt, name="my_attempt"),
    path("cases/<str:reference>/observations/", evaluations.observation_list, name="observation_list"),
    path("cases/<str:reference>/observations/new/", evaluations.observation_create, name="observation_create"),
    path("cases/<str:reference>/observations/<int:pk>/", evaluations.observation_detail, name="observation_detail"),
    path("cases/<str:reference>/observations/<int:pk>/edit/", evaluations.observation_edit, name="observation_edit"),
    path("cases/<str:reference>/observations/<int:pk>/action/", evaluations.observation_action,
         name="observation_action"),
]
