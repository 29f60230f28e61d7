"""Reading settings from the environment: every bad value stops start-up and names its variable."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} phải là 1/0, true/false, yes/no hoặc on/off, không phải {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} phải là một số nguyên, không phải {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} phải lớn hơn hoặc bằng {minimum}, không phải {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_int_list(name: str, default: list[int], *, minimum: int | None = None) -> list[int]:
    """A comma-separated list of integers ("7,3,1"), each checked like env_int."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    values = []
    for item in raw.split(","):
        item = item.strip()
        try:
            value = int(item)
        except ValueError:
            message = f"{name} phải là các số nguyên cách nhau bởi dấu phẩy, không phải {raw!r}."
            raise ImproperlyConfigured(message) from None
        if minimum is not None and value < minimum:
            raise ImproperlyConfigured(f"{name}: mỗi số phải lớn hơn hoặc bằng {minimum}, không phải {value}.")
        values.append(value)
    return values
