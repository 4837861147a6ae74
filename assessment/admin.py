from django.contrib import admin

from crisis.admin import ReadOnlyAdmin

from .models import Risk


@admin.register(Risk)
class RiskAdmin(ReadOnlyAdmin):
    list_display = ["title", "case", "category", "band", "current_score", "status", "review_due_on"]
    list_filter = ["category", "band", "status"]
    search_fields = ["title", "case__reference"]
