from django import template

from agencies.forms import DATALIST_ID
from agencies.selectors import agency_picker_names

register = template.Library()


@register.inclusion_tag("agencies/_picker_datalist.html")
def agency_picker_datalist():
    """Once per page that holds agency pickers: the names they suggest without JavaScript."""
    return {"datalist_id": DATALIST_ID, "names": agency_picker_names()}
