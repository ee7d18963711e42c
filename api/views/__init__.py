from .export import NationalExport, NationalExportCsv
from .master import AgencyList, EmployeeDetail, EmployeeList, IndicatorList, PeriodList, UnitList
from .plans import PlanDetail, PlanList
from .public import ComplaintList, SurveyResults
from .writes import AgencyBatch, EmployeeBatch, RealisationPush, UnitBatch

__all__ = [
    "AgencyList",
    "ComplaintList",
    "AgencyBatch",
    "EmployeeBatch",
    "EmployeeDetail",
    "EmployeeList",
    "IndicatorList",
    "NationalExport",
    "NationalExportCsv",
    "PeriodList",
    "PlanDetail",
    "PlanList",
    "RealisationPush",
    "SurveyResults",
    "UnitList",
    "UnitBatch",
]
