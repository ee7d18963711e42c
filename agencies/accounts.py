"""A forgotten password, reset by e-mail with Django's signed one-time links.

Whoever asks is told the same thing whether or not the address belongs to an account, so the page reveals nobody's
address. The e-mail goes through the task worker like every other (`send_email_on_commit`), written in the language
of the person who asked. Asking is limited per address of the visitor and per e-mail address asked for, so the form
cannot be used to flood someone's mailbox; a refused ask looks the same as any other. The new password is audited,
and it ends a lockout after failed sign-ins (django-axes).
"""

from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from audit.models import AuditKind
from audit.services import record_event
from common.ratelimit import client_address, hit

from .notifications import send_email_on_commit


class RefusedFormIs400:
    """A form sent back with its errors answers 400, as every other form of Kinerja does; the page is the same."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LoginView(RefusedFormIs400, auth_views.LoginView):
    redirect_authenticated_user = True


class PasswordChangeView(RefusedFormIs400, auth_views.PasswordChangeView):
    pass


class ResetByEmailForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        subject = loader.render_to_string(subject_template_name, context)
        body = loader.render_to_string(email_template_name, context)
        send_email_on_commit(to=[to_email], subject=subject, body=body)


class PasswordResetView(RefusedFormIs400, auth_views.PasswordResetView):
    form_class = ResetByEmailForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        if self._allowed(email):
            # The links in the e-mail start with the site's public address, not with whatever Host was asked for.
            site = settings.KINERJA_SITE_URL
            form.save(
                domain_override=site.split("://", 1)[-1],
                use_https=site.startswith("https://"),
                email_template_name=self.email_template_name,
                subject_template_name=self.subject_template_name,
                request=self.request,
            )
        return super(auth_views.PasswordResetView, self).form_valid(form)  # the "sent" page, whatever happened

    def _allowed(self, email: str) -> bool:
        by_address, by_address_window = settings.KINERJA_RATE_LIMITS["password_reset"]
        by_email, by_email_window = settings.KINERJA_RATE_LIMITS["password_reset_email"]
        address = client_address(self.request)
        return hit(scope="password_reset", key=address, limit=by_address, window=by_address_window) and hit(
            scope="password_reset_email", key=email, limit=by_email, window=by_email_window
        )


class PasswordResetConfirmView(RefusedFormIs400, auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record_event(kind=AuditKind.PASSWORD_RESET, actor=self.user, request=self.request, username=self.user.username)
        # Whoever opened the link holds the account's mailbox: a lockout after failed sign-ins ends with the new
        # password, so they can sign in with it at once.
        axes_reset(username=self.user.username)
        return response
