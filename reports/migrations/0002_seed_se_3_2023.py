"""Seed the kurva distribusi of SE MenPANRB No. 3 Tahun 2023 as the rules from 2023 on (editable in admin)."""

from django.db import migrations


def seed(apps, schema_editor):
    from reports.guideline import SE_3_2023, SE_3_2023_YEAR

    DistributionRule = apps.get_model("reports", "DistributionRule")
    if DistributionRule.objects.filter(year=SE_3_2023_YEAR).exists():
        return
    DistributionRule.objects.bulk_create(
        DistributionRule(
            year=SE_3_2023_YEAR,
            organisation_predikat=organisation,
            predikats=codes,
            bound=bound,
            percent=percent,
            order=order,
        )
        for organisation, rules in SE_3_2023.items()
        for order, (codes, bound, percent) in enumerate(rules)
    )


def unseed(apps, schema_editor):
    from reports.guideline import SE_3_2023_YEAR

    apps.get_model("reports", "DistributionRule").objects.filter(year=SE_3_2023_YEAR).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
