"""Verifiable documents: every SKP or evaluation PDF Kinerja hands out carries a short code and a QR code leading to
the public page `/verify/<code>/`, which confirms the document's owner, period, predikat and content hash — and
checks an uploaded copy byte for byte, so a changed or forged PDF does not verify."""
