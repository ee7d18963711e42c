"""The rate limits of the public complaint form (common/ratelimit.py): per address and per category."""

from django.conf import settings

from common.ratelimit import hit


def allow_holding_files(*, address: str) -> bool:
    """Count one refused form whose files are kept for a day; False once the address is over its limit, so that
    sending refused forms with files cannot fill the disk."""
    limit, window = settings.KINERJA_RATE_LIMITS["complaint_held_files"]
    return hit(scope="complaint_held_files", key=f"addr:{address}", limit=limit, window=window)


def allow_complaint(*, address: str, category_id: int) -> bool:
    """Count one complaint from this address and about this category; False once either is over its limit."""
    per_address, address_window = settings.KINERJA_RATE_LIMITS["complaint"]
    per_category, category_window = settings.KINERJA_RATE_LIMITS["complaint_category"]
    address_ok = hit(scope="complaint", key=f"addr:{address}", limit=per_address, window=address_window)
    category_ok = hit(scope="complaint_category", key=f"cat:{category_id}", limit=per_category, window=category_window)
    return address_ok and category_ok
