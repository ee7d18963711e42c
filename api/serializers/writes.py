"""What other systems send: employees by NIP in batches, IKU realisations with provenance; and the national export."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from agencies.models import IndicatorRealisation

MAX_BATCH = 10_000


class EmployeeRowSerializer(serializers.Serializer):
    """One employee, with the spreadsheet import's columns; checked by the import itself, row by row."""

    nip = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    front_title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    back_title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    employee_type = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    position_title = serializers.CharField(max_length=300)
    rank = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    position_type = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    agency_code = serializers.CharField(max_length=40)
    unit_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    supervisor_nip = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    email = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    username = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    is_active = serializers.BooleanField(required=False, default=True)


class EmployeeBatchSerializer(serializers.Serializer):
    employees = EmployeeRowSerializer(many=True, allow_empty=False, max_length=MAX_BATCH)
    dry_run = serializers.BooleanField(required=False, default=False)


class AgencyRowSerializer(serializers.Serializer):
    """One agency (OPD), with the spreadsheet import's columns; checked by the import itself, row by row."""

    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    time_zone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    head_nip = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class AgencyBatchSerializer(serializers.Serializer):
    agencies = AgencyRowSerializer(many=True, allow_empty=False, max_length=MAX_BATCH)
    dry_run = serializers.BooleanField(required=False, default=False)


class UnitRowSerializer(serializers.Serializer):
    """One unit of an agency, with the spreadsheet import's columns; checked by the import itself, row by row."""

    agency_code = serializers.CharField(max_length=40)
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=300)
    kind = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    parent_code = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class UnitBatchSerializer(serializers.Serializer):
    units = UnitRowSerializer(many=True, allow_empty=False, max_length=MAX_BATCH)
    dry_run = serializers.BooleanField(required=False, default=False)


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True, help_text=_("1 is the first row of the batch."))
    field = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class BatchResultSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    errors = RowErrorSerializer(many=True)


class RealisationPushSerializer(serializers.Serializer):
    period = serializers.IntegerField(min_value=1)
    value = serializers.DecimalField(max_digits=14, decimal_places=4, min_value=0)
    evidence_note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    source_system = serializers.CharField(max_length=100, help_text=_("The system the figure comes from."))
    reference = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text=_("Its own id for the figure.")
    )


class RealisationSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    period = serializers.IntegerField(source="period_id", read_only=True)
    verified = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorRealisation
        fields = ["id", "indicator", "period", "value", "evidence_note", "provenance", "entered_at", "verified"]

    def get_verified(self, realisation) -> bool:
        return realisation.verified_at is not None


class NationalRecordSerializer(serializers.Serializer):
    """One final evaluation, with the fields the national performance system takes for periodic performance."""

    period_kind = serializers.CharField()
    period_start_month = serializers.IntegerField()
    period_start_year = serializers.IntegerField()
    period_end_month = serializers.IntegerField()
    period_end_year = serializers.IntegerField()
    results_rating = serializers.CharField()
    behaviour_rating = serializers.CharField()
    predikat = serializers.CharField()
    assessor_nip = serializers.CharField(allow_null=True)
    assessor_name = serializers.CharField(allow_null=True)
    assessor_position = serializers.CharField(allow_null=True)
    assessor_rank = serializers.CharField(allow_null=True)
    assessor_unit = serializers.CharField(allow_null=True)
    assessor_status = serializers.CharField(allow_null=True)
    employee_nip = serializers.CharField()
