"""Stakeholder engagement in the consultancy admin: read only — changes go through the case pages —
except the audience profiles, which are the consultancy's configuration."""

from django import forms
from django.contrib import admin

from crisis.admin import ReadOnlyAdmin
from crisis.audit import audit_record

from .models import AudienceProfile, Communication, Delivery, Stakeholder, StatusReport, UpdateSchedule


class AudienceProfileForm(forms.ModelForm):
    sections = forms.MultipleChoiceField(choices=AudienceProfile.Section.choices,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text="What this audience's report shows (in the report's order).")
    stakeholder_kinds = forms.MultipleChoiceField(
        choices=Stakeholder.Kind.choices, widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Stakeholders of these kinds receive this version unless a schedule or a report says otherwise.")

    class Meta:
        model = AudienceProfile
        fields = ["key", "name", "description", "sections", "external", "stakeholder_kinds", "protective_marking",
                  "position"]

    def clean_sections(self) -> list[str]:
        chosen = set(self.cleaned_data["sections"])
        return [value for value in AudienceProfile.Section.values if value in chosen]


@admin.register(AudienceProfile)
class AudienceProfileAdmin(admin.ModelAdmin):
    """Editable: which sections each audience's version shows. A report keeps the sections it was
    rendered with; changes apply to reports rendered after. Every change is audited."""

    form = AudienceProfileForm
    list_display = ["name", "key", "external", "position"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # schedules and reports refer to them

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, verb="audience_profile.changed" if change else "audience_profile.created",
                     obj=obj, summary={"key": obj.key, "sections": obj.sections, "external": obj.external,
                                       "changed": sorted(form.changed_data)})


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
