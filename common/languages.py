"""The language a person chose, for pages (config.middleware.ChosenLanguageMiddleware) and live sockets alike: only
the cookie written by the language switch (`set_language`) counts, never the browser's Accept-Language (many civil
servants' computers run an English browser; the agreed default is still Bahasa Indonesia)."""

from django.conf import settings


def chosen_language(cookies) -> str:
    chosen = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE
