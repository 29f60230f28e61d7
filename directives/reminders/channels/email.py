"""E-mail: HTML and plain text, to the agency's address and the people the digest reaches (`content.people`)."""

from django import forms
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from directives.reminders import content
from directives.reminders.channels import Channel, ChannelForm, Delivered, Message, register


class EmailForm(ChannelForm):
    email_enabled = forms.BooleanField(label="Gửi email", required=False)

    def to_setting(self) -> tuple[bool, dict]:
        return self.cleaned_data["email_enabled"], {}


@register
class EmailChannel(Channel):
    name = "email"
    label = "Email"
    position = 10
    enabled_by_default = True
    form_class = EmailForm

    def send(self, message: Message) -> Delivered | None:
        digest = message.digest
        addresses = [digest.agency.email] if digest.agency_id and digest.agency.email else []
        addresses += [user.email for user in message.people if user.email]
        addresses = list(dict.fromkeys(addresses))
        if not addresses:
            return None
        name = content.template_name(digest)
        mail = EmailMultiAlternatives(
            subject=content.subject(digest, message.content),
            body=render_to_string(f"{name}.txt", message.content),
            to=addresses,
            # Lets a mailbox (and the tests) recognise the same digest: it must never arrive twice.
            headers={"X-Reminder-Digest": str(digest.pk)},
        )
        mail.attach_alternative(render_to_string(f"{name}.html", message.content), "text/html")
        mail.send()
        return Delivered(to=addresses)
