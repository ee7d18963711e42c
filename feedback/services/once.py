"""One complaint per sent form. On a slow connection a citizen presses "Send" again, or the browser sends the form
again after a timeout, without JavaScript to hold the second click back. Complaints become IKU figures, so a second
sending must not count twice; and the citizen may never have seen the first answer, which carried the only copy of
the private follow-up link.

Each rendering of the form carries its own random key in its signed stamp (feedback.forms). The first sending of a
key claims it in the shared cache; once its complaint is saved, the code and the follow-up secret stay under the key
for a while. A later sending of the same form gets that complaint and link, and nothing new is written. A sending
that arrives while the first is still being saved waits for it. If the first sending failed, the key is released, so
the corrected form counts. With the cache down, forms are sent as they always were.
"""

import hashlib
import logging
import time

from django.core.cache import cache

from ..models import Complaint
from .steps import submit_complaint

logger = logging.getLogger(__name__)

KEEP_SECONDS = 30 * 60  # how long a sent form is remembered: a citizen retries within minutes
WAIT_SECONDS = 10  # how long a second sending waits for the first one to be saved
PENDING = "pending"


def _key(form_key: str) -> str:
    return "feedback:sent-form:" + hashlib.sha256(form_key.encode()).hexdigest()


def sent_before(form_key: str | None) -> tuple[Complaint, str] | None:
    """The complaint and follow-up secret of a form sent already (saved), else None; never waits."""
    if not form_key:
        return None
    try:
        remembered = cache.get(_key(form_key))
    except Exception:
        logger.warning("Cache unavailable: a form sent twice is not recognised")
        return None
    return _complaint_of(remembered)


def submit_complaint_once(*, form_key: str | None, **fields) -> tuple[Complaint, str]:
    """`submit_complaint` for the first sending of a form; the same complaint and secret for any later one."""
    if not form_key:
        return submit_complaint(**fields)
    key = _key(form_key)
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while not cache.add(key, PENDING, timeout=KEEP_SECONDS):
            earlier = _complaint_of(cache.get(key))
            if earlier is not None:
                return earlier
            if time.monotonic() > deadline:
                break  # the first sending is stuck: this one counts
            time.sleep(0.2)
    except Exception:
        logger.warning("Cache unavailable: a form sent twice is not recognised")
        return submit_complaint(**fields)
    try:
        complaint, secret = submit_complaint(**fields)
    except Exception:
        _forget(key)  # refused or failed: the corrected form, same key, is sent anew
        raise
    try:
        cache.set(key, {"code": complaint.code, "secret": secret}, timeout=KEEP_SECONDS)
    except Exception:
        logger.warning("Cache unavailable: a form sent twice is not recognised")
    return complaint, secret


def _complaint_of(remembered) -> tuple[Complaint, str] | None:
    if not isinstance(remembered, dict):
        return None
    complaint = Complaint.objects.filter(code=remembered["code"]).first()
    return (complaint, remembered["secret"]) if complaint is not None else None


def _forget(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Cache unavailable: could not release a sent form's key")
