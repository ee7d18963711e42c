"""What the API sends and takes. Output shapes are read-only and built from rows the selectors load in bulk."""

from .master import (
    AgencySerializer,
    EmployeeSerializer,
    IndicatorSerializer,
    PeriodSerializer,
    UnitSerializer,
)
from .plans import PlanSerializer
from .public import ComplaintSerializer, SurveyResultSerializer
from .writes import (
    AgencyBatchSerializer,
    BatchResultSerializer,
    EmployeeBatchSerializer,
    NationalRecordSerializer,
    RealisationPushSerializer,
    RealisationSerializer,
    UnitBatchSerializer,
)

__all__ = [
    "AgencyBatchSerializer",
    "AgencySerializer",
    "BatchResultSerializer",
    "ComplaintSerializer",
    "EmployeeBatchSerializer",
    "EmployeeSerializer",
    "IndicatorSerializer",
    "NationalRecordSerializer",
    "PeriodSerializer",
    "PlanSerializer",
    "RealisationPushSerializer",
    "RealisationSerializer",
    "SurveyResultSerializer",
    "UnitBatchSerializer",
    "UnitSerializer",
]
