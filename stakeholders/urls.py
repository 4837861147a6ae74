"""Pages of the stakeholders app (filled by its own issue)."""

app_name = "stakeholders"

urlpatterns: list = []
