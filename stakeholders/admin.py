"""Stakeholder engagement in the consultancy admin: read only; changes go through the case pages."""

from django.contrib import admin

from crisis.admin import ReadOnlyAdmin

from .models import Communication, Delivery, Stakeholder, StatusReport, UpdateSchedule


@admin.register(Stakeholder)
class StakeholderAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "case", "trust_level", "receives_reports"]
    list_filter = ["kind", "receives_reports"]
    search_fields = ["name", "case__reference"]


@admin.register(Communication)
class CommunicationAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "case", "direction", "channel", "follow_up_due"]
    exclude = ["mediation_notes"]


@admin.register(UpdateSchedule)
class UpdateScheduleAdmin(ReadOnlyAdmin):
    list_display = ["name", "case", "cadence", "next_due_at", "requires_approval", "active"]


@admin.register(StatusReport)
class StatusReportAdmin(ReadOnlyAdmin):
    list_display = ["case", "created_at", "status", "sent_at"]
    list_filter = ["status"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["email", "status_report", "status", "attempts", "sent_at"]
    list_filter = ["status"]
