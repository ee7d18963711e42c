"""Helpers shared by the service modules."""


def _apply(instance, changes: dict, allowed: frozenset) -> list[str]:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(instance, name, value)
    return list(changes)
