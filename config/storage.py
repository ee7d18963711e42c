"""Static files for production: hashed names (cached for a year by nginx and WhiteNoise) plus gzip copies."""

from urllib.parse import unquote, urlsplit

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's manifest storage, tolerant of one known defect in a third-party package.

    viewflow ships `roboto-fontface.css` without the font files it names, and the manifest storage refuses to
    finish collectstatic over a missing reference. References into viewflow's own static files are left unhashed
    when their target is missing; any other missing reference, ours included, still fails collectstatic.
    """

    tolerate_missing_under = ("viewflow/",)

    def hashed_name(self, name, content=None, filename=None):
        target = urlsplit(unquote(filename or name)).path.strip()
        if content is None and target.startswith(self.tolerate_missing_under) and not self.exists(target):
            return name
        return super().hashed_name(name, content, filename)
