from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("crisis.api_urls")),
    path("stakeholders/", include("stakeholders.urls")),
    path("training/", include("training.urls")),
    path("reviews/", include("reviews.urls")),
    path("", include("crisis.urls")),
]
