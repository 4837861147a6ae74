from django.contrib import admin

from crisis.admin import ReadOnlyAdmin

from .models import Action, ChecklistRequirement, ImprovementCheckpoint, Policy, ReminderDigest


@admin.register(ChecklistRequirement)
class ChecklistRequirementAdmin(admin.ModelAdmin):
    list_display = ["policy_type", "order", "text", "active"]
    list_filter = ["policy_type", "active"]
    list_editable = ["order", "active"]
    search_fields = ["text"]
    ordering = ["policy_type", "order", "id"]

    def has_delete_permission(self, request, obj=None):
        # Checks already recorded refer to requirements: retire one by unticking "active".
        return False


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "case", "owner", "status", "progress", "due_on"]
    list_filter = ["status", "priority"]
    search_fields = ["title", "case__reference"]


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "policy_type", "version", "status", "next_review_on"]
    list_filter = ["policy_type", "status"]
    search_fields = ["title", "organisation__name"]


@admin.register(ImprovementCheckpoint)
class ImprovementCheckpointAdmin(ReadOnlyAdmin):
    list_display = ["case", "recorded_on", "actions_complete", "actions_total", "actions_overdue"]


@admin.register(ReminderDigest)
class ReminderDigestAdmin(ReadOnlyAdmin):
    list_display = ["day", "user", "kind", "status", "item_count", "sent_at"]
    list_filter = ["kind", "status"]
