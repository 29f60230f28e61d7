"""The channel page's forms: one per registered channel, all in one <form>."""

from agencies.models import Agency
from directives.models import ReminderChannel
from directives.reminders import channels as registry


def channel_forms(agency: Agency, data=None) -> list[tuple[registry.Channel, registry.ChannelForm]]:
    rows = {row.channel: row for row in ReminderChannel.objects.filter(agency=agency)}
    return [
        (
            channel,
            channel.form_class(
                data,
                current=rows.get(channel.name),
                initial=channel.form_class.initial_from(rows.get(channel.name), channel),
            ),
        )
        for channel in registry.all_channels()
    ]
