from django.contrib import admin

from agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyKind, Membership


@admin.register(AgencyKind)
class AgencyKindAdmin(admin.ModelAdmin):
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
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "is_active", "email"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "name_normalized", "aliases__name_normalized"]
    autocomplete_fields = ["parent", "successor"]
    inlines = [AliasInline, MembershipInline]


@admin.register(AgencyGroup)
class AgencyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "name_normalized"]
    filter_horizontal = ["members"]
    inlines = [AliasInline]


@admin.register(AgencyAlias)
class AgencyAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "group"]
    search_fields = ["name", "name_normalized", "agency__name"]
    autocomplete_fields = ["agency", "group"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role", "agency__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]
