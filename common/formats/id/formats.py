"""Indonesian as Kinerja shows it; what is not set here is Django's own (django/conf/locale/id/formats.py).

Lists and tables write a day as "31 Jan 2026" in both languages, the form most pages already wrote by hand
(`|date:"j M Y"`): Django's short Indonesian form, 31-01-2026, put beside it on one page (a plan task's due day next to
an IKU figure's) read as two different conventions, and a number-only day is the one people misread."""

SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
