"""Evidence files of a plan: the download and the photo thumbnail, both behind the same read check."""

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect

from common import thumbnails
from common.http import open_stored
from common.templatetags.icons import icon

from .. import selectors, services
from ..models import Evidence


def _readable_evidence(request, plan_id: int, evidence_id: int) -> tuple:
    """The plan and one of its evidence items if the user may read the plan (else 404), for every evidence URL."""
    plan = selectors.get_plan_for_user(user=request.user, plan_id=plan_id)
    return plan, selectors.evidence_for_user(user=request.user, plan=plan, evidence_id=evidence_id)


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def evidence_download(request, plan_id, evidence_id):
    """Evidence files are served only to those who may read the plan, always as a download."""
    plan, evidence = _readable_evidence(request, plan_id, evidence_id)
    services.record_administrator_read(
        plan=plan, by=request.user, request=request, what="evidence", evidence=evidence.pk
    )
    if evidence.url:
        return HttpResponseRedirect(evidence.url)
    response = FileResponse(
        open_stored(evidence.file),
        as_attachment=True,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    return _private(response)


def evidence_thumbnail(request, plan_id, evidence_id):
    """A photo's small preview (made once, then read back), or its type icon when the photo cannot be read.

    A fragment of the plan page like the flow chart, so an administrator's read is logged by the page, not here."""
    _plan, evidence = _readable_evidence(request, plan_id, evidence_id)
    if not evidence.has_thumbnail:
        raise Http404
    preview = thumbnails.thumbnail_for(evidence.file)
    if preview is None:
        return _private(_icon_response(evidence))
    return _private(FileResponse(preview, content_type=thumbnails.THUMBNAIL_CONTENT_TYPE))


def _icon_response(evidence: Evidence) -> HttpResponse:
    return HttpResponse(str(icon(evidence.icon, size=thumbnails.THUMBNAIL_SIZE)), content_type="image/svg+xml")
