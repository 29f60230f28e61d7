"""The agency picker: one form field for "an agency or a group", with or without JavaScript.

What the browser sends under the field's name is a list of strings:
- picked values, "a:12" (an agency) or "g:3" (a group), one per chosen item: each chosen item is
  a checked checkbox, so unticking it removes it even without JavaScript;
- what the clerk typed in the text box: names separated by ";", resolved on the server by their
  normalised name, short name or alias (see agencies.selectors.agency_resolve).

The script static/js/agency-picker.js turns the text box into a searchable dropdown fed by
/agencies/search/; without it the page's <datalist> still suggests names as the clerk types.
Cleaning gives a list of Agency and AgencyGroup objects, in the order given, without repeats.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from agencies.models import Agency, AgencyGroup
from agencies.selectors import (
    PICKER_REF,
    agency_resolve,
    picker_items_by_ref,
    picker_label,
    picker_value,
)

DATALIST_ID = "agency-picker-names"
_SEPARATORS = re.compile(r"[;\n]+")


def _tokens(value) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [str(v).strip() for v in values if v is not None and str(v).strip()]


def split_picker_data(value) -> tuple[list[str], list[str]]:
    """(picked values, typed names) in a submitted value."""
    refs, names = [], []
    for token in _tokens(value):
        if PICKER_REF.match(token):
            refs.append(token)
        else:
            names.extend(part.strip() for part in _SEPARATORS.split(token) if part.strip())
    return refs, names


class AgencyPickerWidget(forms.Widget):
    template_name = "agencies/widgets/agency_picker.html"

    def __init__(self, *, multiple: bool = False, allow_groups: bool = True, attrs=None):
        super().__init__(attrs)
        self.multiple = multiple
        self.allow_groups = allow_groups

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data

    def format_value(self, value):
        return value

    def render(self, name, value, attrs=None, renderer=None):
        # Rendered by the project's template engine, so the template sits with the others in
        # templates/ (Django's default form renderer only looks inside apps).
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chips, text = self._state(value)
        search_url = reverse("agency_search")
        if not self.allow_groups:
            search_url += "?groups=0"
        context["widget"].update(
            chips=chips,
            text=text,
            multiple=self.multiple,
            search_url=search_url,
            datalist_id=DATALIST_ID,
            suggestions=getattr(self, "suggestions", []),
        )
        return context

    def _state(self, value) -> tuple[list[dict], str]:
        """Chips for the items chosen (objects from initial data or picked values from a
        submitted form) and the text box's content (names typed or not yet resolved)."""
        items = value if isinstance(value, list | tuple) else ([] if value in (None, "") else [value])
        refs = [item for item in items if isinstance(item, str) and PICKER_REF.match(item.strip())]
        known = picker_items_by_ref(refs) if refs else {}
        chips, names = [], []
        for item in items:
            if isinstance(item, Agency | AgencyGroup):
                chips.append({"value": picker_value(item), "label": picker_label(item)})
            elif isinstance(item, str) and item.strip() in known:
                chips.append({"value": item.strip(), "label": picker_label(known[item.strip()])})
            elif isinstance(item, str) and item.strip() and not PICKER_REF.match(item.strip()):
                names.append(item.strip())
        unique = list({chip["value"]: chip for chip in chips}.values())
        return unique, "; ".join(names)


class AgencyPickerField(forms.Field):
    """Cleans to a list of Agency/AgencyGroup objects (at most one unless `multiple`)."""

    default_error_messages = {
        "required": "Chọn cơ quan.",
        "unknown_ref": "Cơ quan đã chọn không có trong danh mục; hãy chọn lại.",
        "closed": "“%(name)s” đã giải thể hoặc sáp nhập; hãy chọn cơ quan kế thừa.",
        "no_groups": "Ô này chỉ nhận từng cơ quan, không nhận nhóm “%(name)s”.",
        "not_found": "Không tìm thấy cơ quan “%(name)s”.",
        "not_found_suggest": "Không tìm thấy cơ quan “%(name)s”. Có phải: %(suggestions)s?",
        "ambiguous": "“%(name)s” trùng với nhiều cơ quan: %(candidates)s. Hãy chọn đúng một cơ quan trong danh sách.",
        "only_one": "Chỉ chọn một cơ quan ở ô này.",
    }

    def __init__(self, *, multiple: bool = False, allow_groups: bool = True, **kwargs):
        self.multiple = multiple
        self.allow_groups = allow_groups
        kwargs.setdefault("widget", AgencyPickerWidget(multiple=multiple, allow_groups=allow_groups))
        super().__init__(**kwargs)

    def to_python(self, value) -> list[Agency | AgencyGroup]:
        # Names close to each unknown one, which the widget offers as buttons that fill the box.
        self.widget.suggestions = []
        refs, names = split_picker_data(value)
        if not self.multiple and names:
            refs = []  # a name typed in a single-choice picker replaces the one chosen before
        errors: list[ValidationError] = []
        chosen: dict[str, Agency | AgencyGroup] = {}
        known = picker_items_by_ref(refs)
        for ref in refs:
            item = known.get(ref)
            if item is None:
                errors.append(ValidationError(self.error_messages["unknown_ref"], code="unknown_ref"))
            elif error := self._refused(item):
                errors.append(error)
            else:
                chosen[ref] = item
        for name in names:
            resolution = agency_resolve(name, include_groups=self.allow_groups)
            if resolution.match is not None:
                chosen[picker_value(resolution.match)] = resolution.match
            elif resolution.ambiguous:
                candidates = "; ".join(picker_label(item) for item in resolution.ambiguous)
                errors.append(
                    ValidationError(
                        self.error_messages["ambiguous"],
                        code="ambiguous",
                        params={"name": name, "candidates": candidates},
                    )
                )
            elif resolution.suggestions:
                self.widget.suggestions.append({"name": name, "choices": list(resolution.suggestions)})
                errors.append(
                    ValidationError(
                        self.error_messages["not_found_suggest"],
                        code="not_found",
                        params={"name": name, "suggestions": "; ".join(resolution.suggestions)},
                    )
                )
            else:
                errors.append(
                    ValidationError(self.error_messages["not_found"], code="not_found", params={"name": name})
                )
        if errors:
            raise ValidationError(errors)
        items = list(chosen.values())
        if not self.multiple and len(items) > 1:
            raise ValidationError(self.error_messages["only_one"], code="only_one")
        return items

    def _refused(self, item) -> ValidationError | None:
        if isinstance(item, AgencyGroup) and not self.allow_groups:
            return ValidationError(self.error_messages["no_groups"], code="no_groups", params={"name": item.name})
        if isinstance(item, Agency) and not item.is_active:
            return ValidationError(self.error_messages["closed"], code="closed", params={"name": item.name})
        return None

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial, data) -> bool:
        def key(value):
            return [
                picker_value(item) if isinstance(item, Agency | AgencyGroup) else str(item).strip()
                for item in (value if isinstance(value, list | tuple) else [value])
                if item not in (None, "") and str(item).strip()
            ]

        return key(initial) != key(data)
