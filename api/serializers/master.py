"""Master data: agencies, units, employees, periods, IKU with targets and realisations."""

from rest_framework import serializers

from agencies.models import Agency, Employee, Indicator, IndicatorRealisation, IndicatorTarget, Period, Unit


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "code", "name", "short_name", "time_zone"]


class UnitSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", read_only=True)
    parent = serializers.CharField(source="parent.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Unit
        fields = ["id", "agency", "code", "name", "kind", "parent"]


class EmployeeSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", read_only=True)
    unit = serializers.CharField(source="unit.code", read_only=True, allow_null=True, default=None)
    supervisor_nip = serializers.CharField(source="supervisor.nip", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Employee
        fields = [
            "nip",
            "employee_type",
            "front_title",
            "name",
            "back_title",
            "position_title",
            "rank",
            "position_type",
            "agency",
            "unit",
            "supervisor_nip",
            "is_active",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "name", "year", "kind", "starts_on", "ends_on", "plan_due", "evaluation_due", "status"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorTarget
        fields = ["year", "value", "upper_value"]


class IndicatorRealisationSerializer(serializers.ModelSerializer):
    verified = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorRealisation
        fields = ["period", "value", "source", "entered_at", "verified", "verified_at"]

    def get_verified(self, realisation) -> bool:
        return realisation.verified_at is not None


class IndicatorSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code", read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    realisations = IndicatorRealisationSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "agency",
            "code",
            "name",
            "unit_of_measure",
            "direction",
            "is_active",
            "targets",
            "realisations",
        ]
