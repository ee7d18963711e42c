from django import forms
from django.utils.translation import gettext_lazy as _

from common.uploads import UploadField


class CopyForm(forms.Form):
    document = UploadField(label=_("Your copy of the PDF"), extensions=["pdf"])
