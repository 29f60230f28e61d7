from django import template

register = template.Library()

# Badge class per digest status; the word is always printed too, never the colour alone.
_DIGEST_CSS = {
    "pending": "st-progress",
    "sending": "st-awaiting",
    "sent": "st-ontime",
    "failed": "st-overdue",
    "skipped": "st-none",
}


@register.filter
def digest_status_css(value) -> str:
    return _DIGEST_CSS.get(str(value), "")
