"""factory_boy factories for capacity development."""

import datetime

import factory

from development.models import DevelopmentNeed, ExternalTraining, Participation, Training
from tests.factories import AgencyFactory, EmployeeFactory


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    kind = "pelatihan"
    name = factory.Sequence(lambda n: f"Pelatihan Layanan {n}")
    organiser = "BKPSDM"
    agency = factory.SubFactory(AgencyFactory)
    starts_on = datetime.date(2026, 2, 10)
    ends_on = datetime.date(2026, 2, 11)
    place = "Aula"
    jp = 16
    capacity = 30

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if create and extracted:
            self.indicators.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    training = factory.SubFactory(TrainingFactory)
    employee = factory.SubFactory(EmployeeFactory)
    status = "invited"


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentNeed

    employee = factory.SubFactory(EmployeeFactory)
    unit = None
    agency = factory.LazyAttribute(lambda o: o.employee.agency if o.employee else o.unit.agency)
    competence = "Manajemen waktu pelayanan"
    gap = "Berkas menumpuk di loket"
    source = "supervisor"
    status = "agreed"


class ExternalTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalTraining

    employee = factory.SubFactory(EmployeeFactory)
    name = "Kursus daring pelayanan publik"
    organiser = "LAN RI"
    starts_on = datetime.date(2026, 5, 1)
    ends_on = datetime.date(2026, 5, 3)
    jp = 6
    certificate_number = "LAN/2026/001"
    certificate = factory.django.FileField(filename="sertifikat.pdf", data=b"%PDF-1.4\n")
    status = "submitted"
