"""A bare Django view for the benchmark's throughput baseline: the whole middleware stack, no database, no
template. Routed only when settings.KINERJA_BENCH_VIEWS is on (the benchmark turns it on for its own servers)."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")
