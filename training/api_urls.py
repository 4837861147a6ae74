"""The training API under /api/v1/."""

from django.urls import path

from .api import courses, evaluations, gaps, matrix, people

urlpatterns: list = [
    path("organisations/<int:organisation_id>/training/people/", people.PeopleListApi.as_view(),
         name="api-training-people"),
    path("organisations/<int:organisation_id>/training/people/import/", people.PeopleImportApi.as_view(),
         name="api-training-people-import"),
    path("organisations/<int:organisation_id>/training/requirements/", people.RequirementListApi.as_view(),
         name="api-training-requirements"),
    path("organisations/<int:organisation_id>/training/roles/", people.RoleListApi.as_view(),
         name="api-training-roles"),
    path("training/people/<int:pk>/", people.PersonDetailApi.as_view(), name="api-training-person-detail"),
    path("training/requirements/<int:pk>/", people.RequirementDetailApi.as_view(),
         name="api-training-requirement-detail"),
    path("organisations/<int:organisation_id>/training/courses/", courses.CourseListApi.as_view(),
         name="api-training-courses"),
    path("training/courses/<int:pk>/", courses.CourseDetailApi.as_view(), name="api-training-course-detail"),
    path("organisations/<int:organisation_id>/training/sessions/", courses.SessionListApi.as_view(),
         name="api-training-sessions"),
    path("training/sessions/<int:pk>/", courses.SessionDetailApi.as_view(), name="api-training-session-detail"),
    path("training/sessions/<int:pk>/attendance/", courses.SessionAttendanceApi.as_view(),
         name="api-training-session-attendance"),
    path("training/people/<int:pk>/records/", courses.PersonRecordListApi.as_view(),
         name="api-training-person-records"),
    path("training/records/<int:pk>/", courses.RecordDetailApi.as_view(), name="api-training-record-detail"),
    path("training/records/<int:pk>/file/", courses.RecordFileApi.as_view(), name="api-training-record-file"),
    path("organisations/<int:organisation_id>/training/gaps/", gaps.TrainingGapsApi.as_view(),
         name="api-training-gaps"),
    path("organisations/<int:organisation_id>/training/gaps/actions/", gaps.TrainingGapActionsApi.as_view(),
         name="api-training-gap-actions"),
    path("organisations/<int:organisation_id>/training/matrix/", matrix.MatrixApi.as_view(),
         name="api-training-matrix"),
    path("organisations/<int:organisation_id>/training/record-pdf/", matrix.RecordPdfApi.as_view(),
         name="api-training-record-pdf"),
    path("organisations/<int:organisation_id>/training/record-pdf/<int:pk>/", matrix.RecordPdfDownloadApi.as_view(),
         name="api-training-record-pdf-download"),
]

# Other evaluations: knowledge checks and their attempts; a case's observations and learning walks.
urlpatterns += [
    path("organisations/<int:organisation_id>/training/checks/", evaluations.CheckListApi.as_view(),
         name="api-training-checks"),
    path("training/checks/<int:pk>/", evaluations.CheckDetailApi.as_view(), name="api-training-check-detail"),
    path("training/checks/<int:pk>/attempts/", evaluations.CheckAttemptListApi.as_view(),
         name="api-training-check-attempts"),
    path("training/me/check-attempts/", evaluations.MyAttemptListApi.as_view(), name="api-training-my-attempts"),
    path("cases/<str:reference>/observations/", evaluations.ObservationListApi.as_view(), name="api-observations"),
    path("cases/<str:reference>/observations/<int:pk>/", evaluations.ObservationDetailApi.as_view(),
         name="api-observation-detail"),
    path("cases/<str:reference>/observations/<int:pk>/action/", evaluations.ObservationActionApi.as_view(),
         name="api-observation-action"),
]
