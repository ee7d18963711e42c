from . import meetings, notifications, topics  # noqa: F401
