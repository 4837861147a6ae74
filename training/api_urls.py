"""The training API under /api/v1/."""

from django.urls import path

from .api import courses

urlpatterns: list = [
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
    path("training/records/<int:pk>/file/", courses.RecordFileApi.as_view(), name="api-training-record-file"),
]
