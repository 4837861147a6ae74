from django.contrib import admin

from crisis.admin import ReadOnlyAdmin

from .models import Survey, SurveyQuestion


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(admin.ModelAdmin):
    """The consultancy's survey question bank: edited here, each save audited. Surveys already created
    keep their own copy of the questions they asked."""

    list_display = ["text", "group", "key_question", "position", "active"]
    list_filter = ["group", "key_question", "active"]
    search_fields = ["text", "key"]
    ordering = ["group", "position", "id"]

    def save_model(self, request, obj, form, change):
        from .services import survey_question_saved

        survey_question_saved(actor=request.user, question=obj, changed=form.changed_data, created=not change)

    def has_delete_permission(self, request, obj=None):
        # Retire a question by unticking "active": surveys copied it, and a key never comes back.
        return False


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["title", "case", "round", "status", "opens_on", "closes_on"]
    list_filter = ["round", "status"]
    search_fields = ["title", "case__reference"]
