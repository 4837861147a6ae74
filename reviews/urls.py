"""Pages of the reviews app (filled by its own issue)."""

app_name = "reviews"

urlpatterns: list = []
