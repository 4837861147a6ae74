"""The training API under /api/v1/."""

from django.urls import path

from .api import people

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
]
