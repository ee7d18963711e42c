"""factory_boy factories: the one way tests build data."""

import datetime

import factory
from django.contrib.auth import get_user_model

from agencies.models import (
    Agency,
    CalendarDay,
    Coordinator,
    Employee,
    Indicator,
    IndicatorRealisation,
    IndicatorTarget,
    Period,
    PublicService,
    Unit,
)


def make_nip(serial: int, *, birth=datetime.date(1985, 4, 12), appointed=(2010, 3), gender=1) -> str:
    """A valid PNS NIP whose last digits carry `serial` (unique per test)."""
    return f"{birth:%Y%m%d}{appointed[0]:04d}{appointed[1]:02d}{gender}{serial % 1000:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    password = factory.django.Password("kinerja-test-pass")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"OPD{n:03d}")
    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"Dinas {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Bidang {n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    nip = factory.Sequence(lambda n: make_nip(n, birth=datetime.date(1970 + n % 15, 1 + n % 12, 1 + n % 28)))
    name = factory.Faker("name", locale="id_ID")
    position_title = "Analis Kebijakan"
    agency = factory.SubFactory(AgencyFactory)


class PublicServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicService

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Layanan {n}")
    slug = factory.Sequence(lambda n: f"layanan-{n}")
    annual_users = 1000


class CalendarDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarDay
        django_get_or_create = ("date",)

    name = "Cuti bersama daerah"


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator

    user = factory.SubFactory(UserFactory)
    all_agencies = True


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("kind", "starts_on")

    year = 2026
    name = factory.LazyAttribute(lambda o: f"Tahunan {o.year}")
    kind = "annual"
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    plan_due = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 31))
    evaluation_due = factory.LazyAttribute(lambda o: datetime.date(o.year + 1, 1, 10))
    status = "running"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"IKU{n:02d}")
    name = "Rata-rata waktu penyelesaian dokumen kependudukan"
    unit_of_measure = "hari"


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    value = 10


class IndicatorRealisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorRealisation

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(PeriodFactory)
    value = 9


# Workflow (plans). Plans built here skip the engine: use them as cascade targets or read-only data;
# plans that must move through the process are opened with workflow.services.start_plan.


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workflow.Plan"

    employee = factory.SubFactory(EmployeeFactory)
    period = factory.SubFactory(PeriodFactory)
    stage = "draft"


class ResultPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workflow.ResultPlan"

    plan = factory.SubFactory(PlanFactory)
    kind = "main"
    text = factory.Sequence(lambda n: f"Terlayaninya dokumen kependudukan tepat waktu ({n})")
    order = factory.Sequence(lambda n: n)


class ResultIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workflow.ResultIndicator"

    result = factory.SubFactory(ResultPlanFactory)
    aspect = "quantity"
    description = "Jumlah dokumen yang diterbitkan"
    target_value = 100
    target_unit = "dokumen"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.Category"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Pelayanan Publik {n}")
    slug = factory.Sequence(lambda n: f"pelayanan-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    """A practice with its first post, as `forums.services.create_topic` would leave it."""

    class Meta:
        model = "forums.Topic"
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Jemput bola KTP-el di kecamatan ({n})")
    agency = factory.SubFactory(AgencyFactory)
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def first_post(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            PostFactory(topic=obj, author=obj.author, body=extracted or "Kami membuka layanan keliling.")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.Post"

    topic = factory.SubFactory(TopicFactory, first_post=False)
    author = factory.SubFactory(UserFactory)
    body = "Terima kasih, kami mencobanya."
    html = factory.LazyAttribute(lambda o: f"<p>{o.body}</p>")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        post = super()._create(model_class, *args, **kwargs)
        topic = post.topic
        topic.last_post_id_cache, topic.last_post_at = post.pk, post.created_at
        topic.post_count = topic.posts.count()
        topic.save(update_fields=["last_post_id_cache", "last_post_at", "post_count"])
        return post


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.Meeting"
        skip_postgeneration_save = True

    period = factory.SubFactory(PeriodFactory)
    title = factory.Sequence(lambda n: f"Forum Evaluasi IKU {n}")
    starts_at = factory.LazyFunction(lambda: datetime.datetime(2026, 7, 15, 9, 0, tzinfo=datetime.UTC))
    place = "Ruang Rapat Bupati"
    organiser = factory.SubFactory(UserFactory)

    @factory.post_generation
    def agencies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.agencies.set(extracted)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.ActionItem"

    meeting = factory.SubFactory(MeetingFactory)
    owner_agency = factory.SubFactory(AgencyFactory)
    text = "Susun SOP layanan keliling"
    due_on = datetime.date(2026, 9, 30)
    created_by = factory.SubFactory(UserFactory)


class RealisationFactory(factory.django.DjangoModelFactory):
    """A realisation report on an indicator (read-only data, like PlanFactory: it skips the engine)."""

    class Meta:
        model = "workflow.Realisation"

    indicator = factory.SubFactory(ResultIndicatorFactory)
    value = 90
    description = "Dokumen terbit sesuai jadwal"
