from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from crisis.forms import QueuedPasswordResetForm

urlpatterns = [
    path("admin/", admin.site.urls),
    # Password reset mail goes through a Celery worker; the rest are Django's own auth views.
    path(
        "accounts/password_reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include("crisis.api_urls")),
    path("api/v1/", include("assessment.api_urls")),
    path("api/v1/", include("stakeholders.api_urls")),
    path("api/v1/", include("response.api_urls")),
    path("api/v1/", include("training.api_urls")),
    path("", include("assessment.urls")),
    path("", include("stakeholders.urls")),
    path("", include("response.urls")),
    path("training/", include("training.urls")),
    path("reviews/", include("reviews.urls")),
    path("", include("crisis.urls")),
]
