"""The stakeholder engagement API, included at /api/v1/ without a namespace: names start with "api-"."""

urlpatterns = []
