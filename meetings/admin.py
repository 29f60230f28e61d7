from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters

from agencies.admin import ModelAdmin
from agencies.roles import leader_accounts
from meetings.models import Conclusion, ConclusionNotice, DocumentKind, Meeting


@admin.register(Meeting)
class MeetingAdmin(ModelAdmin):
    list_display = ["title", "held_on", "kind", "chair_name", "is_online"]
    list_filter = ["kind", "is_online"]
    search_fields = ["title", "chair_name"]
    date_hierarchy = "held_on"

    def get_changelist_instance(self, request):
        # Django builds the date hierarchy's bounds with datetime arithmetic that overflows on a
        # forged year (held_on__year=9999 or 99999999999): answer like any other bad filter.
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


@admin.register(DocumentKind)
class DocumentKindAdmin(ModelAdmin):
    """The kinds of directive documents: the office adds its own (a kind in use cannot be deleted)."""

    list_display = ["name", "code", "needs_meeting", "order"]
    list_editable = ["needs_meeting", "order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0

    # `obj` is the notice: a published notice's conclusions are shown, never changed.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or obj.is_draft)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)


@admin.register(ConclusionNotice)
class ConclusionNoticeAdmin(ModelAdmin):
    """Reference data for corrections of drafts. Publishing is the notice page's "Ban hành": the
    status is never edited here, and a published notice is read-only and never deleted (its
    tasks are corrected by cancelling or superseding them, with a reason)."""

    list_display = ["number", "kind", "title", "issued_on", "leader_name", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "title"]
    readonly_fields = ["status", "published_at", "published_by"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "leader":
            kwargs["queryset"] = leader_accounts()  # only a leader directs a document
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    inlines = [ConclusionInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.is_draft)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.is_draft)
