"""The SKP and the evaluation document as PDF (see `layout`); the names callers use, importable from here."""

from .layout import (
    NotRated,
    document_plan,
    evaluation_filename,
    evaluation_pdf,
    is_rated,
    skp_filename,
    skp_pdf,
)

__all__ = ["NotRated", "document_plan", "evaluation_filename", "evaluation_pdf", "is_rated", "skp_filename", "skp_pdf"]
