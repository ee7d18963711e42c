from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agencies import services
from agencies.closing import closing_notices
from agencies.models import Period
from common.params import parse_id


class Command(BaseCommand):
    help = (
        "Close a period (its plans freeze), by id or exact name. Refused, with the reasons, while a closing check "
        "fails, e.g. agencies over the predikat distribution guideline without a written justification."
    )

    def add_arguments(self, parser):
        parser.add_argument("period", help="the period's id or its exact name")

    def handle(self, *args, period, **options):
        found = Period.objects.filter(pk=parse_id(period)) if parse_id(period) else Period.objects.filter(name=period)
        if found.count() != 1:
            raise CommandError(_("No single period matches “%(period)s”.") % {"period": period})
        period = found.get()
        for notice in closing_notices(period):  # closing goes ahead: the operator learns what it leaves behind
            self.stderr.write(self.style.WARNING(notice))
        try:
            closed = services.close_period(period=period)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(_("%(period)s is closed.") % {"period": closed}))
