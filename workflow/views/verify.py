"""The public verification page of an issued PDF: no sign-in, no JavaScript, rate limited per address."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from common.ratelimit import client_address, hit

from ..verification import forms, selectors, services


@login_not_required
def verify(request, code):
    """Owner, period, predikat and content hash of the document issued under `code`; a POSTed copy is hashed and
    compared byte for byte. Every request counts against the address's limit (codes are not to be guessed)."""
    limit, window = settings.KINERJA_RATE_LIMITS["verify"]
    if not hit(scope="verify", key=f"addr:{client_address(request)}", limit=limit, window=window):
        response = render(request, "429.html", {"window": window}, status=429)
        response["Retry-After"] = str(window)
        return response
    record = selectors.issued_document(code=code)
    form = forms.CopyForm(request.POST or None, request.FILES or None)
    matches = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        upload.seek(0)
        matches = services.copy_matches(record=record, content=upload.read())
    context = {"record": record, "form": form, "matches": matches, "superseded": selectors.has_newer_version(record)}
    response = render(request, "workflow/verify.html", context)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
