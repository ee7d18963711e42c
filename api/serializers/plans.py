"""Plans (SKP) with their RHK, indicators, realisations, ratings, predikat and stage."""

from rest_framework import serializers

from workflow.models import Plan, Realisation, ResultIndicator, ResultPlan


class PlanRealisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Realisation
        fields = ["value", "description", "reported_at"]


class PlanIndicatorSerializer(serializers.ModelSerializer):
    realisations = PlanRealisationSerializer(many=True, read_only=True)

    class Meta:
        model = ResultIndicator
        fields = ["id", "aspect", "description", "target_value", "target_unit", "target_text", "realisations"]


class ResultSerializer(serializers.ModelSerializer):
    indicators = PlanIndicatorSerializer(many=True, read_only=True)
    supports_indicator = serializers.IntegerField(source="supports_indicator_id", read_only=True, allow_null=True)

    class Meta:
        model = ResultPlan
        fields = ["id", "kind", "text", "supports_indicator", "indicators"]


class PlanSerializer(serializers.ModelSerializer):
    employee_nip = serializers.CharField(source="employee.nip", read_only=True)
    employee_name = serializers.CharField(source="employee.full_name", read_only=True)
    agency = serializers.CharField(source="employee.agency.code", read_only=True)
    period = serializers.IntegerField(source="period_id", read_only=True)
    changed_at = serializers.DateTimeField(read_only=True)
    results = ResultSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "employee_nip",
            "employee_name",
            "agency",
            "period",
            "stage",
            "results_rating",
            "behaviour_rating",
            "predikat",
            "approved_at",
            "rated_at",
            "changed_at",
            "results",
        ]
