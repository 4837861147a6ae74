"""Consultancy admin screens. Memberships and assignments go through the services, so the
guardian permissions always follow them; the audit log can be read, never changed."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError

from . import services
from .models import (
    Assignment,
    AuditEvent,
    Case,
    ChronologyEntry,
    Deadline,
    Membership,
    Organisation,
    Report,
    StageChange,
    User,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "consultancy_role", "is_active", "last_login"]
    list_filter = ["consultancy_role", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "consultancy_role"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "consultancy_role", "password1", "password2"]}),
    ]


class ServiceBackedAdmin(admin.ModelAdmin):
    """Creates and deletes through services so that permissions are granted and revoked."""

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            self.create(request.user, form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))

    def delete_model(self, request, obj):
        self.remove(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.remove(request.user, obj)


@admin.register(Membership)
class MembershipAdmin(ServiceBackedAdmin):
    list_display = ["user", "organisation", "role", "job_title"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def create(self, actor, data):
        services.membership_create(
            actor=actor, user=data["user"], organisation=data["organisation"], role=data["role"],
            job_title=data.get("job_title", ""),
        )

    def remove(self, actor, obj):
        services.membership_delete(actor=actor, membership=obj)


@admin.register(Assignment)
class AssignmentAdmin(ServiceBackedAdmin):
    list_display = ["consultant", "organisation", "created_at"]
    list_filter = ["organisation"]
    autocomplete_fields = ["consultant", "organisation"]

    def create(self, actor, data):
        services.assignment_create(actor=actor, consultant=data["consultant"], organisation=data["organisation"])

    def remove(self, actor, obj):
        services.assignment_delete(actor=actor, assignment=obj)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "ofsted_urn", "charity_number"]
    list_filter = ["kind"]
    search_fields = ["name", "ofsted_urn", "charity_number"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "organisation", "stage", "rag", "severity", "restricted", "opened_on"]
    list_filter = ["stage", "rag", "severity", "restricted"]
    search_fields = ["reference", "title", "organisation__name"]
    # Stage, team and dates change through the services (and the case page) only.
    readonly_fields = [
        "reference", "organisation", "stage", "stage_changed_at", "opened_on", "closed_on", "consultants", "leaders",
    ]

    def has_add_permission(self, request):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChronologyEntry)
class ChronologyEntryAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "case", "kind", "title", "significant", "author"]
    list_filter = ["kind", "significant"]
    search_fields = ["title", "case__reference"]


@admin.register(StageChange)
class StageChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "case", "from_stage", "to_stage", "actor"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["due_on", "case", "title", "statutory", "completed_on"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "verb", "organisation", "case", "object_repr", "ip_address"]
    list_filter = ["verb"]
    search_fields = ["verb", "object_repr", "actor__email", "case__reference"]
    date_hierarchy = "at"


# Risk register and response plan: read in the admin, changed through the pages and services,
# except the shipped best-practice checklists, which consultancy admins keep up to date here.


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "case", "kind", "status", "size", "requested_by", "requested_at"]
    list_filter = ["kind", "status"]
    exclude = ["file"]  # downloaded through the case's permission-checked view, never from here
