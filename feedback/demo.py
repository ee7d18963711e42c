"""Demo data for complaints (a `seed_demo` step, after forums): Dukcapil's public services and complaint
categories, its complaint officer, and citizens' complaints about slow KTP-el and KK documents, verified by the
desk, answered by the agency and linked to the good-practice topic and the next evaluation meeting's agenda.
Idempotent: nothing is added once Dukcapil's categories have complaints.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, Indicator, PublicService
from forums.demo import PRACTICE_TITLE
from forums.models import Notification, Topic

from . import services
from .models import Category, Complaint, Event, EventKind, Outcome, Status

SERVICES = (
    ("ktp-el", "Penerbitan KTP-el", "Perekaman dan pencetakan KTP elektronik."),
    ("kartu-keluarga", "Penerbitan Kartu Keluarga", "Pembuatan dan perubahan KK."),
)
COMPLAINTS = (
    # (service slug, days ago, title, description, identity, answer, action taken, verdict)
    ("ktp-el", 40, "KTP-el belum jadi setelah tiga minggu", "Perekaman di kecamatan tanggal 2, sampai sekarang belum "
     "ada kabar.", "named", "Blangko sempat habis; KTP-el Anda sudah dicetak dan bisa diambil di kecamatan.",
     "Stok blangko dipantau mingguan dan dikirim ke kecamatan sebelum habis", Outcome.RESOLVED),
    ("ktp-el", 30, "Antrean KTP-el di kantor Dukcapil sangat panjang", "Datang jam 7 pagi, nomor antrean sudah "
     "habis.", "anonymous", "Mulai bulan ini antrean bisa diambil daring sehari sebelumnya.",
     "Antrean daring untuk perekaman KTP-el", None),
    ("kartu-keluarga", 21, "Perubahan KK lebih dari seminggu", "Pengajuan perubahan KK karena kelahiran anak belum "
     "selesai.", "confidential", "KK Anda sudah terbit dengan tanda tangan elektronik dan dikirim lewat surel.",
     "Tanda tangan elektronik untuk KK dan akta", Outcome.PARTLY),
    ("kartu-keluarga", 5, "KK belum bisa diunduh", "Tautan unduhan KK di surel tidak bisa dibuka.", "named", "", "",
     None),
)  # fmt: skip


def seed(context) -> None:
    """The complaints step of seed_demo."""
    dukcapil = Agency.objects.filter(code="DUKCAPIL").first()
    User = get_user_model()
    coordinator, officer = (
        User.objects.filter(username="koordinator").first(),
        User.objects.filter(username="atasan").first(),
    )
    if dukcapil is None or coordinator is None or officer is None:
        return
    categories = {}
    for slug, name, description in SERVICES:
        service, created = PublicService.objects.get_or_create(
            slug=slug, defaults={"agency": dukcapil, "name": name, "description": description, "annual_users": 25000}
        )
        context.created["public services"] += created
        categories[slug], created = Category.objects.get_or_create(
            agency=dukcapil, name=name, defaults={"service": service, "description": description}
        )
        context.created["complaint categories"] += created
    if Complaint.objects.filter(category__in=categories.values()).exists():
        return
    services.grant_officer(agency=dukcapil, user=officer, by=coordinator)
    topic = Topic.objects.filter(title=PRACTICE_TITLE).first()
    indicator = Indicator.objects.filter(agency=dukcapil, code="IKU-01").first()
    for slug, days_ago, title, description, identity, answer, action, verdict in COMPLAINTS:
        complaint, secret = services.submit_complaint(
            category=categories[slug], title=title, description=description, identity=identity,
            location="Kantor Disdukcapil", name="Warga Sleman" if identity != "anonymous" else "",
            email="warga@example.org" if identity != "anonymous" else "",
        )  # fmt: skip
        services.verify_complaint(complaint=complaint, by=coordinator, decision="verify")
        context.created["complaints"] += 1
        if answer:
            services.answer_complaint(complaint=complaint, by=officer, answer=answer, action_taken=action)
            services.link_complaint(complaint=complaint, by=coordinator, indicator=indicator, topic=topic)
            if verdict:
                services.confirm_outcome(complaint=complaint, secret=secret, outcome=verdict)
        _backdate(complaint, days_ago)
        _close_if_silent_long_enough(complaint)
    if services.next_meeting_item(agency_id=dukcapil.pk) is not None:
        services.put_on_agenda(category=categories["ktp-el"], by=coordinator)


def _close_if_silent_long_enough(complaint: Complaint) -> None:
    """An answer the reporter never responded to was closed by the hourly housekeeping the set number of days after
    it: closed then, not on the day the demo is loaded (which the housekeeping would otherwise do at once)."""
    complaint.refresh_from_db()
    if complaint.status != Status.ANSWERED:
        return
    closes_at = complaint.answered_at + datetime.timedelta(days=settings.KINERJA_COMPLAINT_AUTO_CLOSE_DAYS)
    if closes_at < timezone.now():
        services.close_silent_complaints(now=closes_at)


def _backdate(complaint: Complaint, days_ago: int) -> None:
    """Move the story into the past: the services stamp "now", the demo tells of the last weeks."""
    shift = datetime.timedelta(days=days_ago)
    fields = ("submitted_at", "verify_due", "disposed_at", "answer_due", "answered_at", "closed_at")
    complaint.refresh_from_db()
    for name in fields:
        value = getattr(complaint, name)
        if value is not None:
            # Answers came three days after the complaint, within the deadline.
            setattr(
                complaint,
                name,
                value
                - shift
                + (datetime.timedelta(days=3) if name in ("answered_at", "closed_at") else datetime.timedelta()),
            )
    if complaint.answered_at is not None:
        complaint.answer_working_days, complaint.answered_on_time = 3, True
    complaint.save(update_fields=[*fields, "answer_working_days", "answered_on_time"])
    after_answer = (EventKind.ANSWERED, EventKind.CONFIRMED, EventKind.CLOSED)  # on the answer's day, as above
    for event in Event.objects.filter(complaint=complaint):
        event.created_at -= shift
        if event.kind in after_answer:
            event.created_at += datetime.timedelta(days=3)
        event.save(update_fields=["created_at"])
    # The officers' notices were sent at verification: dated then, with the deadline the complaint now has.
    for notice in Notification.objects.filter(url=reverse("feedback:complaint_detail", args=[complaint.pk])):
        notice.created_at -= shift
        if complaint.answer_due is not None and "due" in notice.data:
            notice.data["due"] = timezone.localdate(complaint.answer_due).isoformat()
        notice.save(update_fields=["created_at", "data"])
