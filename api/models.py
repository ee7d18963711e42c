"""API tokens: a person's own token, or a service account's, scoped to agencies. Only a hash of the secret is kept."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A bearer token `kin_<prefix>_<secret>`. The prefix finds the row; the secret is kept only as its SHA-256 (it
    is 40 random characters, so a plain hash is as strong as a slow one), and shown once when created."""

    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    # A person's token acts as that person; a service account's token acts as its own login, which has no employee
    # and no password, so the site never signs it in.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acts as"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    is_service = models.BooleanField(_("service account"), default=False)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    agencies = models.ManyToManyField("agencies.Agency", verbose_name=_("agencies"), blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} (kin_{self.prefix}_…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def agency_ids(self) -> frozenset:
        """The service account's agencies (prefetched by the authentication: no query)."""
        return frozenset(agency.pk for agency in self.agencies.all())
