"""Bare Django views for the benchmark's throughput baselines, routed only when settings.KINERJA_BENCH_VIEWS is on
(the benchmark turns it on for its own servers). Both run the whole middleware stack with no query of their own and
no template: `bare` for an anonymous visitor (Django's floor), `bare_signed_in` for a signed-in one (the floor of
every Kinerja page: the session and the user are loaded)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


@require_GET
def bare_signed_in(request):
    return HttpResponse(request.user.get_username().encode(), content_type="text/plain")
