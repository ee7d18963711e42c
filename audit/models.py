"""The audit log: who did what security-relevant thing, when, from where. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    ROLE_CHANGED = "role_changed", _("Role changed")
    REASSIGNED = "reassigned", _("Task reassigned")
    EXPORTED = "exported", _("Data exported")
    PLAN_READ = "plan_read", _("Plan read by an administrator")
    IKU_RECORDED = "iku_recorded", _("IKU realisation recorded")
    IKU_VERIFIED = "iku_verified", _("IKU realisation verified")
    FIGURE_OVERRIDDEN = "figure_overridden", _("Computed IKU figure changed by hand")
    CONTACT_READ = "contact_read", _("Confidential reporter's contact read")  # feedback (complaints)
    REMINDED = "reminded", _("Reminders sent")  # board: a coordinator's bulk reminder
    API_TOKEN = "api_token", _("API token created or revoked")  # api
    API_WRITE = "api_write", _("Written through the API")  # api: detail names the token
    COMPLAINT_DEADLINES = "complaint_deadlines", _("Complaint deadlines changed")  # feedback: a category's
    TRAINING_CHANGED = "training_changed", _("Training changed")  # development
    TRAINING_CANCELLED = "training_cancelled", _("Training cancelled")  # development
    PASSWORD_RESET = "password_reset", _("Password reset by e-mail")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AuditKind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    target = models.CharField(_("about"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
