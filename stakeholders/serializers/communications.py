"""Serializers of the communication log, its files and follow-ups."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from crisis.forms import MAX_ID
from crisis.serializers import PersonRefSerializer

from .. import selectors
from ..models import (
    Communication,
    CommunicationAttachment,
    PressLineVersion,
    Stakeholder,
)
from .base import CommunicationChannelField, StakeholderRefSerializer, case_stakeholders_by_id

# Communications ---------------------------------------------------------------------------------


class AttachmentOutputSerializer(serializers.ModelSerializer):
    """A file of a contact, as lists show it (only the columns the selectors load)."""

    name = serializers.CharField(source="original_name", read_only=True)
    download = serializers.SerializerMethodField(help_text="The API path that downloads the file.")

    class Meta:
        model = CommunicationAttachment
        fields = ["id", "name", "size", "content_type", "download"]
        read_only_fields = fields

    def get_download(self, attachment: CommunicationAttachment) -> str:
        return reverse("api-communication-attachment-download",
                       kwargs={"pk": attachment.communication_id, "attachment_pk": attachment.pk})


class AttachmentDetailOutputSerializer(AttachmentOutputSerializer):
    class Meta(AttachmentOutputSerializer.Meta):
        fields = [*AttachmentOutputSerializer.Meta.fields, "sha256", "uploaded_at"]
        read_only_fields = fields


class PressLineUseSerializer(serializers.ModelSerializer):
    """The press line wording a contact used."""

    press_line = serializers.IntegerField(source="press_line_id", read_only=True, help_text="The press line's id.")
    title = serializers.CharField(source="press_line.title", read_only=True)

    class Meta:
        model = PressLineVersion
        fields = ["id", "press_line", "title", "number"]
        read_only_fields = fields


class CommunicationOutputSerializer(serializers.ModelSerializer):
    """A logged contact. Expects selectors.case_communications or get_communication_for rows (with the
    case), and "show_confidential" in the context for the mediation notes."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    channel = CommunicationChannelField(choices=Communication.Channel.choices, read_only=True)
    direction_label = serializers.CharField(source="get_direction_display", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    stakeholders = StakeholderRefSerializer(many=True, read_only=True)
    attachments = AttachmentOutputSerializer(many=True, read_only=True)
    follow_up_open = serializers.SerializerMethodField(help_text="A follow-up is due and not yet done.")
    press_line_version = PressLineUseSerializer(read_only=True, allow_null=True)
    created_by = PersonRefSerializer(read_only=True)
    # Not read-only, so the schema shows it as optional: the organisation's leaders never receive the key.
    mediation_notes = serializers.CharField(
        source="visible_mediation_notes", required=False,
        help_text="Consultants only: the key is absent for the organisation's leaders.",
    )

    class Meta:
        model = Communication
        fields = ["id", "case", "occurred_at", "direction", "direction_label", "channel", "channel_label",
                  "summary", "stakeholders", "attachments", "follow_up_due", "follow_up_done_on", "follow_up_open",
                  "press_line_version", "created_by", "created_at", "mediation_notes"]
        read_only_fields = [f for f in fields if f != "mediation_notes"]

    def get_follow_up_open(self, communication: Communication) -> bool:
        return communication.follow_up_due is not None and communication.follow_up_done_on is None

    def to_representation(self, communication: Communication) -> dict:
        data = super().to_representation(communication)
        if not self.context.get("show_confidential"):
            data.pop("mediation_notes", None)
        return data


class FollowUpOutputSerializer(serializers.ModelSerializer):
    """An open follow-up, across cases. Expects selectors.follow_ups_due rows."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    channel = CommunicationChannelField(choices=Communication.Channel.choices, read_only=True)
    stakeholders = StakeholderRefSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField(help_text="The follow-up was due before today.")
    detail = serializers.SerializerMethodField(help_text="The API path of the contact.")

    class Meta:
        model = Communication
        fields = ["id", "case", "occurred_at", "direction", "channel", "summary", "stakeholders", "follow_up_due",
                  "overdue", "detail"]
        read_only_fields = fields

    def get_overdue(self, communication: Communication) -> bool:
        return communication.follow_up_due < self.context["today"]

    def get_detail(self, communication: Communication) -> str:
        return reverse("api-communication-detail", kwargs={"pk": communication.pk})


class CommunicationFilterSerializer(serializers.Serializer):
    stakeholder = serializers.IntegerField(required=False, help_text="Only contacts with this stakeholder (id).")
    channel = CommunicationChannelField(choices=Communication.Channel.choices, required=False)
    direction = serializers.ChoiceField(choices=Communication.Direction.choices, required=False)
    follow_up = serializers.ChoiceField(choices=[("open", "open")], required=False,
                                        help_text="open: only contacts with a follow-up still to do.")


class FollowUpFilterSerializer(serializers.Serializer):
    days = serializers.IntegerField(
        min_value=0, max_value=90, required=False, default=7,
        help_text="Follow-ups due within this many days from today (overdue ones always show); 0 to 90.",
        error_messages={"invalid": "Give a whole number of days from 0 to 90.",
                        "min_value": "Give a whole number of days from 0 to 90.",
                        "max_value": "Give a whole number of days from 0 to 90."},
    )


class CommunicationInputSerializer(serializers.Serializer):
    """A contact to log, as JSON or multipart (with files). Needs the case and the request in the context."""

    stakeholders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
                                         help_text="Ids of the case's stakeholders.")
    direction = serializers.ChoiceField(choices=Communication.Direction.choices)
    channel = CommunicationChannelField(choices=Communication.Channel.choices)
    summary = serializers.CharField(error_messages={"required": "Say what was said or agreed.",
                                                    "blank": "Say what was said or agreed."})
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                            help_text="Defaults to now; never in the future.")
    mediation_notes = serializers.CharField(required=False, allow_blank=True, default="",
                                            help_text="Consultant-only: never shown to the organisation.")
    follow_up_due = serializers.DateField(required=False, allow_null=True, default=None)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, default=list,
        help_text="Files that went with the contact (multipart): PDF, DOCX, XLSX, PNG or JPG, checked by content.",
    )
    press_line_version = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="Id of the press line version the contact used: the latest approved wording of a press line "
                  "of this case.",
    )

    def validate_stakeholders(self, value: list[int]) -> list[Stakeholder]:
        return case_stakeholders_by_id(user=self.context["request"].user, case=self.context["case"], ids=value)

    def validate_press_line_version(self, value: int | None) -> PressLineVersion | None:
        """A version of this case's press lines the user reads; whether it may be used is the service's call."""
        if value is None:
            return None
        version = (PressLineVersion.objects.filter(press_line__in=selectors.case_press_lines(
            user=self.context["request"].user, case=self.context["case"])).select_related("press_line")
            .filter(pk=value).first())
        if version is None:
            raise serializers.ValidationError(f"Unknown press line version for this case: {value}.")
        return version


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX, XLSX, PNG or JPG, checked by content.")
