"""Factories for complaints: categories and complaints in any state, built through the services where the state
depends on the flow."""

import factory

from feedback.models import Category, Officer
from tests.factories import AgencyFactory, UserFactory


class ComplaintCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Layanan {n}")
    agency = factory.SubFactory(AgencyFactory)


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    agency = factory.SubFactory(AgencyFactory)
    user = factory.SubFactory(UserFactory)


def submit(category, **overrides):
    """A complaint submitted through the service, as the public form does; returns (complaint, secret)."""
    from feedback import services

    data = {
        "category": category,
        "title": "KTP-el belum jadi setelah tiga minggu",
        "description": "Saya merekam KTP-el tiga minggu lalu dan belum jadi.",
        "identity": "named",
        "name": "Warga Pelapor",
        "email": "warga@example.org",
        "phone": "0812 3456 7890",
    }
    data.update(overrides)
    return services.submit_complaint(**data)
