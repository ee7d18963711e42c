"""The "IKM of these services" source of IKU realisations (see agencies.indicator_sources for the contract)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.indicator_sources import SourceResult
from agencies.models import PublicService

from . import ikm, selectors

IKM_SOURCE = "surveys.ikm"


def validate_ikm_params(params: dict) -> dict:
    """{"services": [id or slug, …]} → {"services": [id, …]}; every service must exist."""
    wanted = params.get("services")
    if not isinstance(wanted, list) or not wanted:
        raise ValidationError(_('List the services whose satisfaction index counts, e.g. {"services": ["ktp-el"]}.'))
    ids = [item for item in wanted if isinstance(item, int)]
    slugs = [str(item) for item in wanted if not isinstance(item, int)]
    found = PublicService.objects.filter(Q(pk__in=ids) | Q(slug__in=slugs)).values_list("pk", "slug")
    known_ids, known_slugs = {pk for pk, _slug in found}, {slug for _pk, slug in found}
    missing = [str(item) for item in ids if item not in known_ids] + [slug for slug in slugs if slug not in known_slugs]
    if missing:
        raise ValidationError(_("These services do not exist: %(missing)s.") % {"missing": ", ".join(missing)})
    return {"services": sorted(known_ids)}


def compute_ikm(*, indicator, period, params) -> SourceResult | None:
    """The pooled IKM of the listed services of the indicator's agency in the period; None without answers."""
    service_ids = list(
        PublicService.objects.filter(pk__in=params.get("services", []), agency=indicator.agency_id).values_list(
            "pk", flat=True
        )
    )
    if not service_ids:
        raise ValidationError(_("None of the IKU's services belongs to its agency any more; choose them again."))
    pooled, per_service = selectors.services_ikm(period=period, service_ids=service_ids)
    if pooled.ikm is None:
        return None
    return SourceResult(
        value=Decimal(pooled.ikm),
        sample_size=pooled.responses,
        detail=", ".join(each.service.name for each in per_service),
        provenance={
            "period": {"id": period.pk, "from": period.starts_on.isoformat(), "to": period.ends_on.isoformat()},
            "weight": ikm.weight_mode(),
            "grade": pooled.grade.code,
            "minimum_sample": pooled.minimum_sample,
            "under_sampled": pooled.under_sampled,
            "services": [
                {
                    "id": each.service.pk,
                    "name": each.service.name,
                    "responses": each.responses,
                    "ikm": str(each.ikm) if each.ikm is not None else None,
                }
                for each in per_service
            ],
        },
    )
