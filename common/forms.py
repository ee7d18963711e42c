"""The project's form renderer (settings.FORM_RENDERER): every select and choice list, in every form, the same way.

- No Django "---------" placeholder: a blank choice reads "Choose…" (translated).
- A required select with a single real option has it chosen already (an employee of one agency is not asked to
  pick their agency), and loses the blank choice.

Done while rendering, on the options Django has already built, so no form needs to change and no query is added.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext as _

from .params import parse_id
from .uploads import allowed_extensions

DJANGO_PLACEHOLDER = "---------"
CHOICE_TEMPLATES = {
    "django/forms/widgets/select.html",
    "django/forms/widgets/radio.html",
    "django/forms/widgets/checkbox_select.html",
}


def _value(option) -> str:
    value = option["value"]
    if isinstance(value, ModelChoiceIteratorValue):
        value = value.value
    return "" if value is None else str(value)


def tidy_choices(widget: dict, *, single_choice: bool) -> None:
    """Rename the placeholder and, for a single choice (a select or radio buttons), preselect a lone option; in a
    choice widget's template context. A list of checkboxes is never ticked for the user."""
    options = [option for _group, group_options, _index in widget.get("optgroups", []) for option in group_options]
    for option in options:
        if _value(option) == "" and option["label"] == DJANGO_PLACEHOLDER:
            option["label"] = _("Choose…")
    if not single_choice or widget["attrs"].get("multiple") or not widget["attrs"].get("required"):
        return
    real = [option for option in options if _value(option) != ""]
    if len(real) == 1:
        only = real[0]
        only["selected"] = True
        only["attrs"] = {**only["attrs"], "checked" if only.get("type") == "radio" else "selected": True}
        widget["optgroups"] = [
            (name, [option for option in group if _value(option) != ""], index)
            for name, group, index in widget["optgroups"]
        ]
        widget["optgroups"] = [group for group in widget["optgroups"] if group[1]]


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name in CHOICE_TEMPLATES and "widget" in context:
            tidy_choices(context["widget"], single_choice=not template_name.endswith("checkbox_select.html"))
        return super().render(template_name, context, request=request)


def accepted_upload_types() -> str:
    """The file picker's `accept`: the evidence extensions, plus the image MIME types that make a phone offer its
    camera next to its files. The server still checks every file's content (magic bytes)."""
    allowed = allowed_extensions()
    extensions = [f".{extension}" for extension in allowed]
    images = ["image/jpeg", "image/png"] if {"jpg", "png"} & set(allowed) else []
    return ",".join([*images, *extensions])


class EvidenceFileInput(forms.ClearableFileInput):
    """Several files at once, limited to what the server accepts; on a phone (coarse pointer) a second button,
    "Take a photo", opens the camera directly (`capture`). Both inputs share the field's name, so a photo and
    chosen files arrive together."""

    allow_multiple_selected = True
    template_name = "common/widgets/evidence_file_input.html"

    def __init__(self, attrs=None):
        super().__init__({"accept": accepted_upload_types(), **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The camera's input is checked against the same size limits as the file picker (common/uploads.py).
        widget = context["widget"]
        widget["limit_attrs"] = {key: value for key, value in widget["attrs"].items() if key.startswith("data-")}
        return context


class ModelIdsField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id that refuses a value which is not an id before asking the database: Django
    passes every value to one `pk IN (…)` query, where SQLite fails on a number beyond its integers."""

    def _check_values(self, value):
        for chosen in value if isinstance(value, list | tuple) else ():
            if parse_id(chosen) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(chosen)[:20]}
                )
        return super()._check_values(value)
