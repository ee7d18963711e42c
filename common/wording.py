"""Django's own form messages whose Indonesian wording rest_framework's catalog (installed for the API) also carries,
differently. App catalogs take precedence over Django's, so without these the site's forms would change wording the
day the API was installed ("Bidang ini harus diisi." instead of "Bidang ini tidak boleh kosong."). Marked here, the
texts land in the project's catalog (LOCALE_PATHS, which comes first) with Django's translations."""

from django.utils.translation import gettext_noop

DJANGO_FORM_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    gettext_noop("Value must be valid JSON."),
)
