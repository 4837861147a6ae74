"""The training API under /api/v1/."""

from django.urls import path

from .api import closure, courses, gaps, matrix, people

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

# Closure report of a case.
urlpatterns += [
    path("cases/<str:reference>/closure-reports/", closure.ClosureReportListApi.as_view(),
         name="api-case-closure-reports"),
    path("cases/<str:reference>/closure-reports/<int:pk>/", closure.ClosureReportDetailApi.as_view(),
         name="api-closure-report-detail"),
    path("cases/<str:reference>/closure-reports/<int:pk>/request-approval/", closure.ClosureReportRequestApi.as_view(),
         name="api-closure-report-request"),
    path("cases/<str:reference>/closure-reports/<int:pk>/approve/", closure.ClosureReportApproveApi.as_view(),
         name="api-closure-report-approve"),
    path("cases/<str:reference>/closure-reports/<int:pk>/refuse/", closure.ClosureReportRefuseApi.as_view(),
         name="api-closure-report-refuse"),
    path("cases/<str:reference>/closure-reports/<int:pk>/overrides/", closure.ClosureReportOverrideApi.as_view(),
         name="api-closure-report-override"),
    path("cases/<str:reference>/closure-reports/<int:pk>/retry/", closure.ClosureReportRetryApi.as_view(),
         name="api-closure-report-retry"),
    path("cases/<str:reference>/closure-reports/<int:pk>/pdf/", closure.ClosureReportDownloadApi.as_view(),
         name="api-closure-report-download"),
]
