"""Pages of the training records, under /training/."""

from django.urls import path

from .views import people

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
]
