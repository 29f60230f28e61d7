"""Reminder channels, one module each, behind one interface (after healthchecks' integrations).

A channel sends a digest to an agency's people and says what it delivered. Each module of this
package that defines a `Channel` subclass decorated with `@register` is a channel: it brings its
form (the fields of /reminders/channels/<agency>/, named after the channel), its template
(templates/directives/reminders/channels/<name>.html) and its settings, stored as one
ReminderChannel row per (agency, channel). Adding a Zalo OA or an SMS gateway is one new module,
its template and its tests: delivery, the sweep and the pages find it here.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from directives.models import Digest, ReminderChannel


@dataclass(frozen=True)
class Message:
    """What a channel is given: the digest, what its templates say, the people to reach, and the
    agency's settings of this channel (empty for digests to the office or the leaders)."""

    digest: Digest
    content: dict
    people: list
    config: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Delivered:
    """Where a digest went: addresses, accounts, a gateway's host."""

    to: list[str]


class ChannelError(Exception):
    """The channel failed and nothing was delivered: safe to try again. The message is shown to
    people, so it says what to do, never how an outside or inside host answered."""


class OutcomeUnknown(ChannelError):
    """The receiver took the message and never answered: it may or may not have it. Never retried
    automatically; the office can resend on purpose."""


class ChannelForm(forms.Form):
    """A channel's part of the channel page. Field names start with the channel's name, so all
    the channels' forms share one <form> and one POST."""

    def __init__(self, *args, current: ReminderChannel | None = None, **kwargs):
        self.current = current
        super().__init__(*args, **kwargs)

    @classmethod
    def initial_from(cls, setting: ReminderChannel | None, channel: "Channel") -> dict:
        return {f"{channel.name}_enabled": channel.is_on(setting)}

    def to_setting(self) -> tuple[bool, dict]:
        """(enabled, config) to store, from the cleaned data."""
        raise NotImplementedError


class Channel:
    name: str = ""
    label: str = ""
    # Order on the pages.
    position: int = 100
    # On for an agency without a row (e-mail, the bell); off for channels that need settings.
    enabled_by_default: bool = False
    # The Celery queue it is sent from: "" is the default queue. A channel that waits on outside
    # receivers gets its own queue, so e-mail and the bell never wait behind it.
    queue: str = ""
    form_class: type[ChannelForm] = ChannelForm

    @property
    def template_name(self) -> str:
        return f"directives/reminders/channels/{self.name}.html"

    def is_on(self, setting: ReminderChannel | None) -> bool:
        return setting.enabled if setting is not None else self.enabled_by_default

    def is_active(self, setting: ReminderChannel | None, digest: Digest) -> bool:
        """Whether the digest goes out on this channel."""
        return self.is_on(setting)

    def check_config(self, config: dict) -> None:
        """Raise ValidationError when the settings cannot be used; called at save and at send."""

    def status_label(self, setting: ReminderChannel | None) -> str:
        return "Bật" if self.is_on(setting) else "Tắt"

    def send(self, message: Message) -> Delivered | None:
        """Send; None when there is nobody to reach (not an error). Raise ChannelError on failure."""
        raise NotImplementedError


_REGISTRY: dict[str, Channel] = {}


def register(cls: type[Channel]) -> type[Channel]:
    if not cls.name or cls.name in _REGISTRY:
        raise ValueError(f"Reminder channel needs a unique name: {cls.name!r}")
    _REGISTRY[cls.name] = cls()
    return cls


def _discover() -> None:
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


def all_channels() -> list[Channel]:
    return sorted(_REGISTRY.values(), key=lambda channel: (channel.position, channel.name))


def get(name: str) -> Channel:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValidationError(f"Không có kênh nhắc việc “{name}”.") from None


_discover()
