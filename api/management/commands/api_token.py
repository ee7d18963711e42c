"""Create and revoke API tokens from the shell: `manage.py api_token service|personal|revoke|list`."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from agencies.models import Agency
from api import services
from api.models import ApiToken
from api.scopes import Scope


class Command(BaseCommand):
    help = "Create a service account or a personal API token (its secret printed once), revoke one, or list them."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        service = actions.add_parser("service", help="A service account with scopes over some agencies.")
        service.add_argument("name")
        service.add_argument("--scope", action="append", required=True, choices=Scope.values, dest="scopes")
        service.add_argument("--agency", action="append", required=True, dest="agencies", help="An agency's code.")
        personal = actions.add_parser("personal", help="A token acting as a person, with the site's rights.")
        personal.add_argument("username")
        personal.add_argument("--name", default="personal")
        revoke = actions.add_parser("revoke", help="Revoke a token by its prefix (the 8 characters after kin_).")
        revoke.add_argument("prefix")
        actions.add_parser("list", help="Every token, without secrets.")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None

    def _service(self, *, name, scopes, agencies, **_options):
        found = list(Agency.objects.filter(code__in=agencies))
        missing = sorted(set(agencies) - {agency.code for agency in found})
        if missing:
            raise CommandError(f"No agency with code: {', '.join(missing)}")
        _token, raw = services.create_service_account(name=name, scopes=scopes, agencies=found, by=None)
        self.stdout.write(raw)

    def _personal(self, *, username, name, **_options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}")
        _token, raw = services.create_personal_token(user=user, name=name, by=None)
        self.stdout.write(raw)

    def _revoke(self, *, prefix, **_options):
        token = ApiToken.objects.filter(prefix=prefix.removeprefix("kin_")).first()
        if token is None:
            raise CommandError(f"No token kin_{prefix}")
        services.revoke_token(token=token, by=None)
        self.stdout.write(f"revoked kin_{token.prefix}")

    def _list(self, **_options):
        for token in ApiToken.objects.prefetch_related("agencies"):
            state = "revoked" if token.revoked_at else "active"
            agencies = ",".join(agency.code for agency in token.agencies.all())
            self.stdout.write(f"kin_{token.prefix}\t{state}\t{token.name}\t{' '.join(token.scopes)}\t{agencies}")
