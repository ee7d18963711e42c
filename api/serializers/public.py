"""Complaints in a shape close to Open311 GeoReport v2 `service_requests`, and public IKM survey results."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from feedback.models import Complaint, Status

# Open311 knows only "open" and "closed".
CLOSED = {Status.CLOSED, Status.NOT_AUTHORITY, Status.DUPLICATE, Status.SPAM}


class ComplaintSerializer(serializers.ModelSerializer):
    """Public fields for everyone; the complaint's own words only for a token that may read them (`full`)."""

    service_request_id = serializers.CharField(source="code", read_only=True)
    status = serializers.SerializerMethodField()
    status_detail = serializers.CharField(source="status", read_only=True)
    service_code = serializers.IntegerField(source="category_id", read_only=True)
    service_name = serializers.CharField(source="category.name", read_only=True)
    agency_responsible = serializers.CharField(source="agency.code", read_only=True)
    requested_datetime = serializers.DateTimeField(source="submitted_at", read_only=True)
    expected_datetime = serializers.DateTimeField(source="answer_due", read_only=True, allow_null=True)
    answered_datetime = serializers.DateTimeField(source="answered_at", read_only=True, allow_null=True)
    description = serializers.SerializerMethodField()
    status_notes = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = [
            "service_request_id",
            "status",
            "status_detail",
            "service_code",
            "service_name",
            "agency_responsible",
            "requested_datetime",
            "expected_datetime",
            "answered_datetime",
            "description",
            "status_notes",
        ]

    def get_status(self, complaint) -> str:
        return "closed" if complaint.status in CLOSED else "open"

    def _full(self, complaint) -> bool:
        reads_in_full = self.context.get("reads_in_full")
        return bool(reads_in_full and reads_in_full(complaint.agency_id))

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_description(self, complaint):
        return complaint.description if self._full(complaint) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status_notes(self, complaint):
        return complaint.answer if self._full(complaint) else None


class SurveyResultSerializer(serializers.Serializer):
    agency = serializers.CharField()
    agency_name = serializers.CharField()
    responses = serializers.IntegerField()
    ikm = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    grade = serializers.CharField(allow_null=True)
