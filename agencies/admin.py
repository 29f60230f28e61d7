from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models

from agencies.inputs import BoundedDateField
from agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyKind, Membership


class ModelAdmin(admin.ModelAdmin):
    """The admin of every model of the product.

    The add page takes initial values from the query string (?agency=12). Django renders an
    autocomplete field's initial value with a query, so `?agency=ab` was a server error: a value
    the field does not accept is dropped, and the page opens blank there instead.

    Dates are bounded as on every other page of the product (agencies.inputs).
    """

    formfield_overrides = {models.DateField: {"form_class": BoundedDateField}}

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            target = field.target_field if field.is_relation and field.concrete else field
            try:
                for item in value if isinstance(value, list) else [value]:
                    target.to_python(item)
            except (ValidationError, ValueError, TypeError, OverflowError):
                del initial[name]
        return initial


@admin.register(AgencyKind)
class AgencyKindAdmin(ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    fields = ["name"]
    extra = 1


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Agency)
class AgencyAdmin(ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "is_active", "email", "requires_head_approval"]
    list_filter = ["kind", "is_active", "requires_head_approval"]
    search_fields = ["name", "short_name", "name_normalized", "aliases__name_normalized"]
    autocomplete_fields = ["parent", "successor"]
    inlines = [AliasInline, MembershipInline]


@admin.register(AgencyGroup)
class AgencyGroupAdmin(ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "name_normalized"]
    filter_horizontal = ["members"]
    inlines = [AliasInline]


@admin.register(AgencyAlias)
class AgencyAliasAdmin(ModelAdmin):
    list_display = ["name", "agency", "group"]
    search_fields = ["name", "name_normalized", "agency__name"]
    autocomplete_fields = ["agency", "group"]


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role", "agency__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]
