"""Pages of the training app (filled by its own issue)."""

app_name = "training"

urlpatterns: list = []
