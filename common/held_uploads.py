"""Files a form accepted while the rest of it was refused, kept on the server so that the person who fixes a typo
does not have to pick them again (on a phone: find the photos again, upload them again on a slow connection).
A form gets this by extending `KeepsAcceptedFiles`; its page includes `components/_held_files.html`.

The refused form's page carries a signed token naming the held files; only a token this server signed brings them
back, and only for a day. They live in the media storage under `held/`, never served; `discard_stale` (run by the
hourly complaint housekeeping) removes what nobody came back for. Files are held only after they passed the upload
check, and the service that finally takes them checks them again.
"""

import contextlib
import datetime
import os
import uuid
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HELD_DIR = "held"
SALT = "common.held-uploads"
MAX_AGE = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Held:
    """A held file as the page lists it: its name and size."""

    path: str  # in the media storage
    name: str
    size: int


class HeldUpload(UploadedFile):
    """A held file read back: an upload like any other, which knows where it is held."""

    def __init__(self, held: Held):
        super().__init__(default_storage.open(held.path, "rb"), name=held.name, size=held.size)
        self.held = held


def hold(files) -> str:
    """Keep `files` (uploads, or files already held) and return the token that brings them back; "" for none."""
    held = [file.held if isinstance(file, HeldUpload) else _save(file) for file in files]
    if not held:
        return ""
    return signing.dumps([[item.path, item.name, item.size] for item in held], salt=SALT, compress=True)


def _save(upload) -> Held:
    name = os.path.basename(upload.name or "file")
    upload.seek(0)
    path = default_storage.save(f"{HELD_DIR}/{uuid.uuid4().hex}/{name}", upload)
    return Held(path=path, name=name, size=upload.size or 0)


def held_files(token: str) -> list[Held]:
    """The files a token names that are still held; [] for a missing, forged or expired token."""
    if not token:
        return []
    try:
        rows = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return []
    return [Held(path, name, size) for path, name, size in rows if default_storage.exists(path)]


def reopen(held: list[Held]) -> list[HeldUpload]:
    return [HeldUpload(item) for item in held]


def release(files) -> None:
    """Forget the held ones among `files` (an upload field's value) once what they were held for has been saved."""
    for file in _as_list(files):
        if isinstance(file, HeldUpload):
            file.close()
            _delete(file.held.path)


def _delete(path: str) -> None:
    default_storage.delete(path)
    # On the local disk the file's own folder goes too; object storage has no folders.
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(os.path.dirname(path)))


def discard_stale(*, now: datetime.datetime | None = None) -> int:
    """Remove the files held longer than a token lives; returns how many."""
    cutoff = (now or timezone.now()) - MAX_AGE
    removed = 0
    try:
        folders, _files = default_storage.listdir(HELD_DIR)
    except FileNotFoundError:
        return 0
    for folder in folders:
        _dirs, names = default_storage.listdir(f"{HELD_DIR}/{folder}")
        for name in names:
            path = f"{HELD_DIR}/{folder}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                _delete(path)
                removed += 1
    return removed


class KeepsAcceptedFiles(forms.Form):
    """A form whose upload field (`kept_field`: an UploadField or a MultipleUploadField) outlives a refusal of the
    rest. The view calls `keep_files()` when it shows the form again with errors, and `release(...)` with the
    field's cleaned value once it is saved. Several files: the kept ones come first, then the new ones, and
    `max_files` bounds them together. One file: a new one replaces the kept one."""

    held_files = forms.CharField(widget=forms.HiddenInput, required=False)
    kept_field = "files"
    max_files: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bound with a QueryDict from a page (a plain dict, as a test or a service may pass, has no list of boxes).
        dropped = set(self.data.getlist("drop_held")) if hasattr(self.data, "getlist") else set()
        held = held_files(self.data.get("held_files", "")) if self.is_bound else []
        self.kept = [file for number, file in enumerate(held) if str(number) not in dropped]

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("held_files", None)  # the token's files join the upload field's value below
        name = self.kept_field
        if name not in cleaned:  # the new files were refused: the error says why, the kept ones stay kept
            return cleaned
        if not getattr(self.fields[name], "several", False):
            cleaned[name] = cleaned[name] or next(iter(reopen(self.kept[:1])), None)
            return cleaned
        if self.max_files is not None and len(self.kept) + len(cleaned[name]) > self.max_files:
            self.add_error(name, _("Attach at most %(count)d files.") % {"count": self.max_files})
        else:  # opened only when they go on: a refusal leaves no file open
            cleaned[name] = reopen(self.kept) + cleaned[name]
        return cleaned

    def keep_files(self) -> None:
        """After a refusal: hold the files that were accepted, for the page to list and the next attempt to send."""
        cleaned = getattr(self, "cleaned_data", {})
        files = _as_list(cleaned[self.kept_field]) if self.kept_field in cleaned else reopen(self.kept)
        token = hold(files)
        for file in files:
            file.close()
        self.data = self.data.copy()
        self.data["held_files"] = token
        self.kept = held_files(token)


def _as_list(value) -> list:
    """An upload field's value as a list: several files, one file, or none."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
