"""Master data: agencies (OPD), their units, employees, coordinators, periods and IKU."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .nip import validate_nip


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class Agency(models.Model):
    """An OPD (Organisasi Perangkat Daerah): a regional agency such as Dukcapil or a Dinas."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    head = models.OneToOneField(
        "Employee",
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_agency",
    )
    time_zone = models.CharField(_("time zone"), max_length=32, choices=TimeZone.choices, default=TimeZone.WIB)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def clean(self):
        if self.head_id and (self.pk is None or self.head.agency_id != self.pk):
            raise ValidationError({"head": _("The head must be an employee of this agency.")})


class UnitKind(models.TextChoices):
    BIDANG = "bidang", _("Division (bidang)")
    SEKSI = "seksi", _("Section (seksi)")
    SUBBAGIAN = "subbagian", _("Sub-division (subbagian)")
    SEKRETARIAT = "sekretariat", _("Secretariat")
    UPT = "upt", _("Technical unit (UPT)")
    PUSKESMAS = "puskesmas", _("Community health centre (puskesmas)")
    OTHER = "other", _("Other")


class Unit(models.Model):
    """A unit inside an agency (bidang, seksi, puskesmas…), forming a tree."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices, default=UnitKind.BIDANG)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_per_agency")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.parent_id:
            if self.parent.agency_id != self.agency_id:
                raise ValidationError({"parent": _("The parent unit must belong to the same agency.")})
            ancestor, seen = self.parent, set()
            while ancestor is not None:
                if ancestor.pk == self.pk or ancestor.pk in seen:
                    raise ValidationError({"parent": _("A unit cannot be inside itself.")})
                seen.add(ancestor.pk)
                ancestor = ancestor.parent


class EmployeeType(models.TextChoices):
    PNS = "PNS", _("PNS (permanent civil servant)")
    PPPK = "PPPK", _("PPPK (contract civil servant)")


class PositionType(models.TextChoices):
    JPT = "jpt", _("Senior executive (JPT)")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Supervisory (pengawas)")
    PELAKSANA = "pelaksana", _("Staff (pelaksana)")
    FUNGSIONAL = "fungsional", _("Functional (fungsional)")


class Employee(models.Model):
    """An ASN (civil servant), linked one-to-one to a login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="employee"
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True, help_text=_("18-digit employee number"))
    employee_type = models.CharField(
        _("employee type"), max_length=8, choices=EmployeeType.choices, default=EmployeeType.PNS
    )
    front_title = models.CharField(_("title before name"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=150)
    back_title = models.CharField(_("title after name"), max_length=60, blank=True)
    position_title = models.CharField(_("position (jabatan)"), max_length=200)
    rank = models.CharField(
        _("rank (pangkat/golongan)"), max_length=60, blank=True, help_text=_("e.g. Penata Tingkat I, III/d")
    )
    position_type = models.CharField(
        _("position type"), max_length=20, choices=PositionType.choices, default=PositionType.PELAKSANA
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="employees")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="employees"
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("direct supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(supervisor=models.F("pk")), name="employee_not_own_supervisor"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        name = " ".join(part for part in (self.front_title, self.name) if part)
        return f"{name}, {self.back_title}" if self.back_title else name

    def clean(self):
        errors = {}
        try:
            validate_nip(self.nip, employee_type=self.employee_type)
        except ValidationError as error:
            errors["nip"] = error.messages
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            errors["unit"] = [_("The unit must belong to the employee's agency.")]
        if self.supervisor_id:
            if self.pk and self.supervisor_id == self.pk:
                errors["supervisor"] = [_("An employee cannot supervise themselves.")]
            elif self.pk and self._supervisor_chain_contains_self():
                errors["supervisor"] = [_("This supervisor would create a loop in the reporting line.")]
        if errors:
            raise ValidationError(errors)

    def _supervisor_chain_contains_self(self) -> bool:
        seen = set()
        current_id = self.supervisor_id
        while current_id is not None and current_id not in seen:
            if current_id == self.pk:
                return True
            seen.add(current_id)
            current_id = Employee.objects.filter(pk=current_id).values_list("supervisor_id", flat=True).first()
        return current_id is not None and current_id in seen


class Coordinator(models.Model):
    """A user who coordinates performance management for the whole Pemda or for a set of agencies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="coordinator"
    )
    all_agencies = models.BooleanField(_("covers all agencies"), default=False)
    agencies = models.ManyToManyField(Agency, verbose_name=_("agencies"), blank=True, related_name="coordinators")

    class Meta:
        verbose_name = _("coordinator")
        verbose_name_plural = _("coordinators")

    def __str__(self):
        return str(self.user)


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


class ReviewFrequency(models.TextChoices):
    """How often the year's plans are evaluated within the year (evaluasi kinerja periodik)."""

    QUARTERLY = "quarterly", _("Quarterly (triwulan)")
    MONTHLY = "monthly", _("Monthly")


class PeriodStatus(models.TextChoices):
    PLANNING = "planning", _("Planning")
    RUNNING = "running", _("Running")
    EVALUATING = "evaluating", _("Evaluating")
    CLOSED = "closed", _("Closed")


class Period(models.Model):
    """A performance period for the whole Pemda, with its editable deadlines."""

    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=PeriodKind.choices, default=PeriodKind.ANNUAL)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    plan_due = models.DateField(_("plan due"), help_text=_("Date by which plans (SKP) must be agreed."))
    evaluation_due = models.DateField(_("evaluation due"), help_text=_("Date by which evaluations must be closed."))
    status = models.CharField(_("status"), max_length=12, choices=PeriodStatus.choices, default=PeriodStatus.PLANNING)
    # The Pemda's choice for periodic evaluations within an annual period; quarterly as in e-Kinerja.
    review_frequency = models.CharField(
        _("periodic evaluation"),
        max_length=10,
        choices=ReviewFrequency.choices,
        default=ReviewFrequency.QUARTERLY,
        help_text=_("How often plans are evaluated within the year."),
    )
    review_due_days = models.PositiveSmallIntegerField(
        _("periodic evaluation due (days)"),
        default=10,
        help_text=_("Days after the end of each quarter or month by which its evaluation must be done."),
    )

    class Meta:
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["-starts_on", "kind"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="period_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def review_windows(self) -> list:
        """The quarters or months of this period, each evaluated on its own (see agencies/review_windows.py)."""
        from .review_windows import review_windows

        return review_windows(self)

    @property
    def is_annual(self) -> bool:
        """Plans (SKP) are made for the annual period and evaluated quarterly or monthly inside it; the shorter
        periods carry IKU figures and surveys."""
        return self.kind == PeriodKind.ANNUAL

    @property
    def accepts_plans(self) -> bool:
        """Plans can be opened while the period is being planned or running, not once evaluation starts."""
        return self.status in (PeriodStatus.PLANNING, PeriodStatus.RUNNING)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                errors["ends_on"] = [_("The period must end after it starts.")]
            elif self.year and self.starts_on.year != self.year:
                errors["year"] = [_("The year must be the year the period starts in.")]
            else:
                overlapping = Period.objects.filter(
                    kind=self.kind, starts_on__lte=self.ends_on, ends_on__gte=self.starts_on
                ).exclude(pk=self.pk)
                clash = overlapping.first()
                if clash:
                    errors["starts_on"] = [
                        _("This period overlaps “%(other)s” of the same kind.") % {"other": clash.name}
                    ]
        if self.plan_due and self.starts_on and self.plan_due < self.starts_on:
            errors["plan_due"] = [_("The plan deadline cannot be before the period starts.")]
        elif self.plan_due and self.ends_on and self.plan_due > self.ends_on:
            errors["plan_due"] = [_("The plan deadline cannot be after the period ends.")]
        if self.evaluation_due and self.ends_on and self.evaluation_due < self.ends_on:
            errors["evaluation_due"] = [_("The evaluation deadline cannot be before the period ends.")]
        if errors:
            raise ValidationError(errors)


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class LowerIsBetterFormula(models.TextChoices):
    TWO_MINUS_RATIO = "two_minus_ratio", _("(2 − realisation ÷ target) × 100 %")
    TARGET_OVER_REALISATION = "target_over_realisation", _("target ÷ realisation × 100 %")


class Indicator(models.Model):
    """An IKU (Indikator Kinerja Utama): an agency's key performance indicator."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition and formula"), blank=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=40)
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    lower_is_better_formula = models.CharField(
        _("formula when lower is better"),
        max_length=32,
        choices=LowerIsBetterFormula.choices,
        default=LowerIsBetterFormula.TWO_MINUS_RATIO,
    )
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    green_from = models.DecimalField(
        _("green from (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("100"),
        help_text=_("Achievement at or above this is on track (green)."),
    )
    amber_from = models.DecimalField(
        _("amber from (%)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("75"),
        help_text=_("Achievement at or above this, but below green, needs attention (amber); below it is red."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    source = models.CharField(
        _("computed from"),
        max_length=60,
        blank=True,
        help_text=_("Leave empty when a person enters the realisation; otherwise the source that computes it."),
    )
    source_params = models.JSONField(
        _("source parameters"),
        default=dict,
        blank=True,
        help_text=_("What the source measures, e.g. which services' satisfaction index counts."),
    )

    class Meta:
        verbose_name = _("IKU")
        verbose_name_plural = _("IKU")
        ordering = ["agency__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="indicator_code_unique_per_agency"),
            models.CheckConstraint(
                condition=Q(green_from__gte=models.F("amber_from")), name="indicator_green_above_amber"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_lower_better(self) -> bool:
        """A falling realisation is good news (waiting days, stunting rate): the achievement formula inverts."""
        return self.direction == Direction.LOWER

    def clean(self):
        if self.green_from is not None and self.amber_from is not None and self.green_from < self.amber_from:
            raise ValidationError({"amber_from": _("The amber threshold must not be above the green threshold.")})


class IndicatorTarget(models.Model):
    """The yearly target of an IKU: a single value, or a range (inside the range counts as 100 %)."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("IKU"), on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    upper_value = models.DecimalField(
        _("upper bound of a range target"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("IKU target")
        verbose_name_plural = _("IKU targets")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_unique_per_year")]

    def __str__(self):
        if self.upper_value is not None:
            return f"{self.year}: {self.value}–{self.upper_value}"
        return f"{self.year}: {self.value}"

    def clean(self):
        if self.value is not None and self.value <= 0 and self.upper_value is None:
            raise ValidationError({"value": _("A target must be greater than zero.")})
        if self.upper_value is not None and self.value is not None and self.upper_value < self.value:
            raise ValidationError({"upper_value": _("The upper bound must not be below the lower bound.")})


class IndicatorRealisation(models.Model):
    """What an IKU achieved in a period, with the note on its evidence and who entered and verified it."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("IKU"), on_delete=models.CASCADE, related_name="realisations"
    )
    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="realisations")
    value = models.DecimalField(_("realisation"), max_digits=14, decimal_places=4)
    evidence_note = models.TextField(_("evidence"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # Set when the figure was computed by a source (agencies.indicator_sources), empty when a person typed it.
    source = models.CharField(_("computed from"), max_length=60, blank=True)
    sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    provenance = models.JSONField(_("provenance"), default=dict, blank=True)
    # Set when an app above agencies took over the figure's verification (agencies.arriving_figures): the evaluation
    # team's data calendar verifies it with its own four-eyes flow and publishes it here, not the IKU page.
    verified_elsewhere = models.BooleanField(_("verified in the data calendar"), default=False)

    class Meta:
        verbose_name = _("IKU realisation")
        verbose_name_plural = _("IKU realisations")
        ordering = ["indicator", "-period__starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="indicator_realisation_unique_per_period")
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value}"

    @property
    def is_computed(self) -> bool:
        return bool(self.source)

    def clean(self):
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("A realisation cannot be negative.")})


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("Day off (e.g. the Pemda's own cuti bersama)")
    WORKING_DAY = "working_day", _("Working day (overrides a national holiday)")


class CalendarDay(models.Model):
    """A Pemda-specific exception to the national working calendar (agencies.workdays), edited in the admin.

    National public holidays and the government's joint leave days (cuti bersama) come from the `holidays` package;
    a Pemda adds its own days off here, or marks a listed holiday as a working day when a decree moves it.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices, default=CalendarDayKind.DAY_OFF)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class PublicService(models.Model):
    """A service the public receives from an agency or one of its units (e.g. KTP-el issuance at Dukcapil).

    Citizens choose it when they complain or answer a satisfaction survey (IKM); `annual_users` is the population
    that sets the survey's minimum sample.
    """

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="services")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    annual_users = models.PositiveIntegerField(
        _("people served per year"),
        null=True,
        blank=True,
        help_text=_("The population of the satisfaction survey: it sets the minimum number of answers."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("public service")
        verbose_name_plural = _("public services")
        ordering = ["agency__name", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="public_service_name_unique_per_agency")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("The unit must belong to the service's agency.")})


class TeamRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


def decree_path(instance, filename: str) -> str:
    return f"evaluation-teams/{instance.agency_id}/{filename}"


class EvaluationTeam(models.Model):
    """An agency's evaluation team (tim evaluasi), appointed by a decree (SK). It lives here, beside the agency,
    because membership widens a person's reach (`agencies.access`); the evaluation app runs what the team does."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="evaluation_team"
    )
    decree_number = models.CharField(_("decree number"), max_length=100)
    decree_date = models.DateField(_("decree date"))
    decree_file = models.FileField(_("decree file"), upload_to=decree_path, max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation team")
        verbose_name_plural = _("evaluation teams")
        ordering = ["agency__name"]

    def __str__(self):
        return str(self.agency)


class TeamMember(models.Model):
    """A seat on an evaluation team for a term; the member may work in another agency (e.g. the planning agency)."""

    team = models.ForeignKey(
        EvaluationTeam, verbose_name=_("evaluation team"), on_delete=models.CASCADE, related_name="members"
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="team_seats"
    )
    role = models.CharField(_("role in the team"), max_length=12, choices=TeamRole.choices, default=TeamRole.MEMBER)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "role", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "employee"], name="team_member_unique_per_team"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="team_term_ends_after_start"),
        ]
        indexes = [models.Index(fields=["employee", "ends_on"], name="team_member_employee_term")]

    def __str__(self):
        return f"{self.employee} ({self.get_role_display()})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The term must end after it starts.")})
