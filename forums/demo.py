"""Demo data for forums (a `seed_demo` step, see `agencies.demo`): categories, a past evaluation meeting with its
decisions and action items, the next meeting of the series, and Dukcapil's practice of cutting document completion
time with replies and Dinkes' adoption. Idempotent: everything is looked up by its natural key first.

Values are Indonesian, as a Pemda would type them.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, Indicator

from . import services
from .models import ActionStatus, Adoption, Category, Meeting, MeetingSeries, Topic

CATEGORIES = (
    ("administrasi-kependudukan", "Administrasi Kependudukan", "KTP-el, KK, akta, layanan kecamatan."),
    ("kesehatan", "Kesehatan", "Puskesmas, waktu tunggu, kepuasan pasien."),
    ("perizinan", "Perizinan", "Perizinan berusaha dan pelayanan terpadu satu pintu."),
    ("pendidikan", "Pendidikan", "Standar pelayanan minimal sekolah."),
    ("kepegawaian", "Kepegawaian", "SKP, pembinaan kinerja, pelatihan."),
)
SERIES = "Forum Evaluasi Kinerja Triwulanan"
PRACTICE_TITLE = "Bagaimana Dukcapil memangkas waktu penyelesaian dokumen kependudukan"
PRACTICE_BODY = """Dalam setahun, rata-rata waktu penyelesaian KTP-el, KK dan akta turun dari **7,2 hari** menjadi
**di bawah 3 hari**. Yang kami lakukan:

1. **Antrean daring** dan jemput bola ke kalurahan: berkas tidak lagi menumpuk di loket kecamatan.
2. **Pelatihan manajemen waktu** untuk petugas loket (Februari).
3. **Tanda tangan elektronik** untuk KK dan akta: dokumen tidak menunggu pejabat.
4. Papan kendali harian: setiap berkas yang lewat 2 hari dibahas di apel pagi.

SOP dan formulir jemput bola bisa diminta ke Bidang Pelayanan Pendaftaran Penduduk. @koordinator
"""
REPLIES = (
    ("kepala.dinkes", "Terima kasih @kepala.dukcapil. Papan kendali harian akan kami coba untuk antrean Puskesmas."),
    ("atasan.dinkes", "Pertanyaan: berapa petugas yang dibutuhkan untuk jemput bola per kalurahan?"),
    ("atasan", "Dua petugas per tim, satu tim untuk tiga kalurahan, dijadwalkan dua kali seminggu."),
)


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _at(date: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def seed(context) -> None:
    """The forums step of seed_demo."""
    for order, (slug, name, description) in enumerate(CATEGORIES):
        _, created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
        context.created["forum categories"] += created
    coordinator = _user("koordinator")
    if coordinator is None:
        return
    periods = context.shared["periods"]
    finished = list(periods.completed_quarters(today=context.today))
    # The second-to-last finished quarter: the adoption that follows it already has a quarter of figures since.
    past_period = finished[-2][1] if len(finished) > 1 else periods.previous_annual
    past = _past_meeting(context, coordinator, past_period)
    _next_meeting(context, coordinator, finished[-1][1] if finished else periods.current_annual, after=past)
    _practice(context, past)


def _past_meeting(context, coordinator, period) -> Meeting:
    series, _ = MeetingSeries.objects.get_or_create(name=SERIES)
    title = f"Forum Evaluasi IKU {period.name}"
    meeting = Meeting.objects.filter(title=title).first()
    if meeting:
        return meeting
    agencies = Agency.objects.filter(code__in=["DUKCAPIL", "DINKES", "DPMPTSP", "DISDIK", "BKPSDM"])
    meeting = services.schedule_meeting(
        by=coordinator,
        period=period,
        title=title,
        starts_at=_at(period.ends_on + datetime.timedelta(days=10), 9),
        place="Ruang Rapat Sekretariat Daerah",
        series=series,
        agencies=agencies,
    )
    context.created["meetings"] += 1
    by_code = {item.agency.code: item for item in meeting.items.select_related("agency")}
    dukcapil, dinkes = by_code.get("DUKCAPIL"), by_code.get("DINKES")
    if dukcapil:
        services.set_current_item(meeting=meeting, item=dukcapil, by=coordinator)
        services.add_note(
            meeting=meeting, by=coordinator, item=dukcapil,
            text="Dukcapil memaparkan antrean daring, jemput bola dan tanda tangan elektronik; waktu penyelesaian "
            "dokumen turun di bawah target.",
        )  # fmt: skip
        services.add_note(
            meeting=meeting, by=coordinator, item=dukcapil, is_decision=True,
            text="Praktik Dukcapil dibagikan di forum agar OPD lain dapat mengadopsinya.",
        )  # fmt: skip
        shared = services.add_action_item(
            meeting=meeting, by=coordinator, item=dukcapil, owner_agency=dukcapil.agency,
            text="Unggah SOP jemput bola dan papan kendali harian ke forum praktik baik.",
            due_on=meeting.starts_at.date() + datetime.timedelta(days=14),
        )  # fmt: skip
        services.set_action_status(action=shared, by=coordinator, status=ActionStatus.DONE)
    if dinkes:
        services.set_current_item(meeting=meeting, item=dinkes, by=coordinator)
        services.add_note(
            meeting=meeting, by=coordinator, item=dinkes,
            text="Waktu tunggu pasien Puskesmas masih di atas target; antrean manual di loket pendaftaran.",
        )  # fmt: skip
        services.add_action_item(
            meeting=meeting, by=coordinator, item=dinkes, owner_agency=dinkes.agency,
            text="Uji coba papan kendali antrean harian di Puskesmas Sleman dan laporkan hasilnya.",
            due_on=meeting.starts_at.date() + datetime.timedelta(days=30),
        )  # fmt: skip
        services.add_action_item(
            meeting=meeting, by=coordinator, item=dinkes, owner_agency=dinkes.agency,
            text="Susun jadwal pendaftaran daring untuk tiga Puskesmas dengan antrean terpanjang.",
            due_on=context.today + datetime.timedelta(days=21),
        )  # fmt: skip
    services.close_meeting(
        meeting=meeting,
        by=coordinator,
        minutes="Rapat dibuka pukul 09.00 oleh Sekretaris Daerah. Lima OPD memaparkan capaian IKU; keputusan dan "
        "tindak lanjut tercatat di bawah.",
    )
    return meeting


def _next_meeting(context, coordinator, period, *, after: Meeting) -> None:
    title = "Forum Evaluasi IKU berikutnya"
    if Meeting.objects.filter(title=title).exists():
        return
    starts = max(context.today + datetime.timedelta(days=7), after.starts_at.date() + datetime.timedelta(days=90))
    while starts.weekday() >= 5:  # a Pemda forum meets on a working day, not on a Saturday or Sunday
        starts += datetime.timedelta(days=1)
    services.schedule_meeting(
        by=coordinator,
        period=period,
        title=title,
        starts_at=_at(starts, 9),
        place="Ruang Rapat Sekretariat Daerah",
        link="https://rapat.example.go.id/forum-evaluasi",
        series=after.series,
        agencies=after.agencies.all(),
    )
    context.created["meetings"] += 1


def _practice(context, meeting: Meeting) -> None:
    author = _user("atasan")
    if author is None or Topic.objects.filter(title=PRACTICE_TITLE).exists():
        return
    dukcapil = Agency.objects.get(code="DUKCAPIL")
    topic = services.create_topic(
        author=author,
        category=Category.objects.get(slug="administrasi-kependudukan"),
        title=PRACTICE_TITLE,
        body=PRACTICE_BODY,
        agency=dukcapil,
        tags="ktp-el, jemput bola, antrean daring",
        indicators=Indicator.objects.filter(agency=dukcapil, code="IKU-01"),
        meeting=meeting,
    )
    context.created["forum topics"] += 1
    posts = []
    for username, body in REPLIES:
        user = _user(username)
        if user is not None:
            posts.append(services.post_reply(topic=topic, author=user, body=body))
            context.created["forum posts"] += 1
    if posts:
        services.toggle_reaction(post=topic.posts.first(), user=posts[0].author, kind="like")
    if len(posts) == 3:
        services.set_accepted_answer(topic=topic, post=posts[2], by=author)
    head, responsible = _user("kepala.dinkes"), _user("atasan.dinkes")
    dinkes = Agency.objects.filter(code="DINKES").first()
    if head and responsible and dinkes and not Adoption.objects.filter(topic=topic, agency=dinkes).exists():
        adopted_on = meeting.starts_at.date()
        services.adopt_practice(
            topic=topic,
            by=head,
            agency=dinkes,
            responsible=responsible.employee,
            adopted_on=adopted_on,
            follow_up_on=adopted_on + datetime.timedelta(days=90),
            note="Papan kendali antrean harian di Puskesmas Sleman, lalu seluruh Puskesmas.",
        )
        context.created["adoptions"] += 1
