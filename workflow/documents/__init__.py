"""The SKP and the evaluation document as PDF: `selectors` (what they read), `layout` (the pages, in the layout of
the PermenPANRB 6/2022 annex), `regulation` (the regulation text they print). Callers import from here."""

from .layout import NotRated, evaluation_filename, evaluation_pdf, is_rated, render_pdf, skp_filename, skp_pdf
from .selectors import document_plan

__all__ = [
    "NotRated",
    "document_plan",
    "evaluation_filename",
    "evaluation_pdf",
    "is_rated",
    "render_pdf",
    "skp_filename",
    "skp_pdf",
]
