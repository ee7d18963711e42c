"""Issuing a plan's PDF under a verification code, and checking a presented copy against what was issued."""

import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import get_language

from .. import documents
from ..models import Plan
from .marks import Mark
from .models import DocumentKind, IssuedDocument

# Crockford's base32 without the letters people confuse (I, L, O, U): short codes that survive being read aloud.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 50 random bits: not guessable within the verification page's rate limit


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """What a person types (lower case, spaces, dashes, O for 0) to the stored form."""
    cleaned = code.strip().upper().replace("-", "").replace(" ", "")
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def issue_pdf(*, plan: Plan, kind: str) -> tuple[bytes, IssuedDocument]:
    """The plan's PDF of `kind` with its verification mark, and the record the public page confirms.

    Raises documents.NotRated for an evaluation of a plan not yet rated. The content is fingerprinted without the
    mark (language included, as it changes the text): downloading the same content again reuses its code."""
    issued = {}

    def mark_for(unmarked: bytes) -> Mark:
        fingerprint = sha256(unmarked + (get_language() or "").encode())
        record = IssuedDocument.objects.filter(plan=plan, kind=kind, fingerprint=fingerprint).first()
        issued["record"] = record or _create(plan=plan, kind=kind, fingerprint=fingerprint)
        return Mark(issued["record"].code)

    content = documents.render_pdf(plan, evaluation=kind == DocumentKind.EVALUATION, mark_for=mark_for)
    record, digest = issued["record"], sha256(content)
    if record.content_hash != digest:
        record.content_hash = digest
        record.save(update_fields=["content_hash"])
    return content, record


def _create(*, plan: Plan, kind: str, fingerprint: str) -> IssuedDocument:
    record = IssuedDocument(
        code=new_code(),
        plan=plan,
        kind=kind,
        fingerprint=fingerprint,
        owner_name=plan.employee.full_name,
        period_name=str(plan.period),
        predikat=plan.predikat if kind == DocumentKind.EVALUATION else "",
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # the same content issued at the same moment by a second request
        return IssuedDocument.objects.get(plan=plan, kind=kind, fingerprint=fingerprint)
    return record


def copy_matches(*, record: IssuedDocument, content: bytes) -> bool:
    """Whether a presented PDF is, byte for byte, the document issued under the record's code."""
    return bool(record.content_hash) and secrets.compare_digest(sha256(content), record.content_hash)
