from django.contrib import admin

from meetings.models import Conclusion, ConclusionNotice, Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "held_on", "kind", "chair_name", "is_online"]
    list_filter = ["kind", "is_online"]
    search_fields = ["title", "chair_name"]
    date_hierarchy = "held_on"


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0


@admin.register(ConclusionNotice)
class ConclusionNoticeAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "issued_on", "status"]
    list_filter = ["status"]
    search_fields = ["number", "title"]
    inlines = [ConclusionInline]
