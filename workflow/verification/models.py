"""A document Kinerja issued: what the public verification page may confirm about it, and nothing more."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..predikat import Predikat


class DocumentKind(models.TextChoices):
    SKP = "skp", _("Performance plan (SKP)")
    EVALUATION = "evaluation", _("Performance evaluation")


class IssuedDocument(models.Model):
    """One distinct content of a plan's PDF, under a short public code.

    `fingerprint` is the hash of the document built without its verification mark: the same content downloaded again
    reuses the code (the PDFs are built deterministically, so the bytes are the same too); a changed plan gives a new
    fingerprint and so a new code. `content_hash` is the SHA-256 of the PDF as handed out, mark included.
    """

    code = models.CharField(_("verification code"), max_length=16, unique=True)
    plan = models.ForeignKey(
        "workflow.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="issued_documents"
    )
    kind = models.CharField(_("document"), max_length=12, choices=DocumentKind.choices)
    fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    content_hash = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    owner_name = models.CharField(_("owner"), max_length=200)
    period_name = models.CharField(_("period"), max_length=200)
    predikat = models.CharField(_("predikat"), max_length=16, choices=Predikat.choices, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "fingerprint"], name="issued_document_unique_content")
        ]

    def __str__(self):
        return f"{self.code} — {self.get_kind_display()}"
