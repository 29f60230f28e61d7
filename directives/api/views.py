"""The API's reads, and what every API view shares: pagination and the one exception handler.

Reads go through the same gate as the pages: `tasks_visible_to` / `get_task_for_user` for tasks,
`notices_visible_to` / `get_notice_for_user` for documents. What a key's user may not see is a
404, exactly as on the pages.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from agencies.models import Agency, AgencyAlias
from agencies.names import normalize
from directives.api import serializers as s
from directives.api.messages import in_vietnamese
from directives.api.throttling import MSG_THROTTLED
from directives.models import Attachment
from directives.notices.selectors import get_notice_for_user, notice_conclusions_for
from directives.reports import selectors as figures
from directives.reports.forms import PERIOD_CHOICES, DashboardForm
from directives.tasks.access import get_task_for_user, tasks_visible_to
from directives.tasks.filters import MAX_QUERY, ROLE_CHOICES, status_choices

MSG_NOT_FOUND = "Không tìm thấy (hoặc tài khoản này không được xem)."
MSG_NOT_AUTHENTICATED = "Chưa xác thực: hãy gửi khóa API trong tiêu đề “Authorization: Bearer <khóa>”."
MSG_FORBIDDEN = "Tài khoản này không được thực hiện thao tác này."


# --- Shared ---------------------------------------------------------------------------------------


def _field_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        errors = {}
        for key, messages in exc.message_dict.items():
            errors[api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key] = list(messages)
        return errors
    return {api_settings.NON_FIELD_ERRORS_KEY: list(exc.messages)}


def exception_handler(exc, context):
    """Every refusal as JSON in Vietnamese: a service's ValidationError is a 400 with its field
    errors, its PermissionDenied a 403 as on the pages; what may not be seen is a 404."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_field_errors(exc))
    elif isinstance(exc, Http404 | ObjectDoesNotExist | exceptions.NotFound):
        exc = exceptions.NotFound(MSG_NOT_FOUND)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or MSG_FORBIDDEN)
    elif isinstance(exc, exceptions.NotAuthenticated):
        exc.detail = MSG_NOT_AUTHENTICATED
    elif isinstance(exc, exceptions.Throttled):
        exc.detail = MSG_THROTTLED.format(wait=int(exc.wait or 1))
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = in_vietnamese(response.data)
    return response


def _user_query_error(errors) -> exceptions.ValidationError:
    return exceptions.ValidationError({name: list(messages) for name, messages in errors.items()})


# --- Documents (conclusion notices) ------------------------------------------------------------------


class DocumentDetailView(APIView):
    @extend_schema(responses=s.DocumentDetailSerializer, summary="Một thông báo với các kết luận và nhiệm vụ")
    def get(self, request, pk: int):
        notice = get_notice_for_user(request.user, pk)
        conclusions = notice_conclusions_for(request.user, notice)
        return Response(s.DocumentDetailSerializer(notice, context={"conclusions": conclusions}).data)


# --- Tasks --------------------------------------------------------------------------------------------

TASK_FILTERS = [
    OpenApiParameter("status", str, enum=[value for value, _ in status_choices()], description="Tình trạng"),
    OpenApiParameter("agency", int, description="Mã cơ quan (chủ trì hoặc phối hợp, xem role)"),
    OpenApiParameter("role", str, enum=[value for value, _ in ROLE_CHOICES], description="Vai trò của cơ quan"),
    OpenApiParameter("kind", int, description="Mã loại cơ quan chủ trì"),
    OpenApiParameter("notice", int, description="Mã văn bản chỉ đạo"),
    OpenApiParameter("doc_kind", int, description="Mã loại văn bản chỉ đạo"),
    OpenApiParameter("leader", int, description="Mã tài khoản lãnh đạo chỉ đạo"),
    OpenApiParameter("meeting", int, description="Mã cuộc họp"),
    OpenApiParameter("chair", str, description="Người chủ trì cuộc họp (lãnh đạo chỉ đạo)"),
    OpenApiParameter("due_from", OpenApiTypes.DATE, description="Hạn từ ngày (YYYY-MM-DD hoặc dd/mm/yyyy)"),
    OpenApiParameter("due_to", OpenApiTypes.DATE, description="Hạn đến ngày"),
    OpenApiParameter("on", OpenApiTypes.DATE, description="Tình trạng tính đến ngày này (một ngày đã qua)"),
    OpenApiParameter("active_from", OpenApiTypes.DATE, description="Kỳ báo cáo từ ngày"),
    OpenApiParameter("active_to", OpenApiTypes.DATE, description="Kỳ báo cáo đến ngày"),
    OpenApiParameter("q", str, description="Tìm theo nội dung, không phân biệt dấu và hoa thường"),
]


def task_rows(request):
    """The task list's rows for this request: the same filters and statuses as /tasks/, through
    its selector. Invalid filters are a 400 here, where the page shows a message."""
    listed = figures.task_list(request.user, request.query_params)
    if listed.filterset.errors:
        raise _user_query_error(listed.filterset.errors)
    return listed.rows.select_related("lead", "conclusion__notice").prefetch_related("coordinating")


class TaskListView(generics.ListAPIView):
    serializer_class = s.TaskSerializer

    def get_queryset(self):
        return task_rows(self.request)

    @extend_schema(parameters=TASK_FILTERS, summary="Nhiệm vụ, với các bộ lọc của danh sách nhiệm vụ")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TaskDetailView(APIView):
    @extend_schema(responses=s.TaskDetailSerializer, summary="Một nhiệm vụ")
    def get(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        return Response(s.TaskDetailSerializer(task).data)


class TaskHistoryView(APIView):
    @extend_schema(responses=s.EventSerializer(many=True), summary="Lịch sử của nhiệm vụ")
    def get(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        return Response(s.EventSerializer(task.events.select_related("actor"), many=True).data)


class AttachmentDownloadView(APIView):
    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY}, summary="Tải tệp đính kèm")
    def get(self, request, pk: int):
        visible = tasks_visible_to(request.user).values("pk")
        attachment = Attachment.objects.filter(pk=pk, task__in=visible).first()
        if attachment is None:
            raise Http404
        try:
            handle = attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        return FileResponse(
            handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
        )


# --- The agency directory ---------------------------------------------------------------------------


class AgencyListView(generics.ListAPIView):
    serializer_class = s.AgencySerializer

    def get_queryset(self):
        agencies = Agency.objects.select_related("kind").prefetch_related("aliases")
        key = normalize(self.request.query_params.get("q", "")[:MAX_QUERY])
        if key:
            # Accents and case ignored, as in the directory's search: "so y te" finds "Sở Y tế".
            aliases = AgencyAlias.objects.filter(name_normalized__contains=key, agency__isnull=False)
            agencies = agencies.filter(Q(name_normalized__contains=key) | Q(pk__in=aliases.values("agency_id")))
        return agencies

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Tìm theo tên hoặc tên gọi khác, không phân biệt dấu")],
        summary="Danh bạ cơ quan, với các tên gọi khác",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


# --- Dashboard figures -------------------------------------------------------------------------------

FIGURES = ("assigned", "within_deadline", "due_week", "overdue", "awaiting", "on_time", "late", "no_deadline")


class FiguresSerializer(serializers.Serializer):
    assigned = serializers.IntegerField()
    within_deadline = serializers.IntegerField()
    due_week = serializers.IntegerField()
    overdue = serializers.IntegerField()
    awaiting = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    no_deadline = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="Tỷ lệ đúng hạn: đúng hạn / (đúng hạn + trễ + quá hạn)")


class AgencyFiguresSerializer(serializers.Serializer):
    agency_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField(source="kind_name")
    rank = serializers.IntegerField(allow_null=True)
    figures = FiguresSerializer()


class DashboardSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    day = serializers.DateField(help_text="Ngày tính số liệu: cuối kỳ, hoặc hôm nay nếu kỳ chưa hết")
    label = serializers.CharField()
    totals = FiguresSerializer()
    agencies = AgencyFiguresSerializer(many=True)
    overdue = s.TaskSerializer(many=True, help_text="Quá hạn lâu nhất trước (tối đa 20)")
    due_week = s.TaskSerializer(many=True, help_text="Đến hạn trong 7 ngày (tối đa 20)")


DASHBOARD_FILTERS = [
    OpenApiParameter("period", str, enum=[value for value, _ in PERIOD_CHOICES], description="Kỳ báo cáo"),
    OpenApiParameter("year", int),
    OpenApiParameter("quarter", int, enum=[1, 2, 3, 4]),
    OpenApiParameter("month", int, enum=list(range(1, 13))),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Từ ngày (kỳ tùy chọn)"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Đến ngày (kỳ tùy chọn)"),
    OpenApiParameter("chair", str, description="Người chủ trì cuộc họp"),
    OpenApiParameter("meeting", int),
    OpenApiParameter("notice", int),
    OpenApiParameter("doc_kind", int, description="Mã loại văn bản chỉ đạo"),
    OpenApiParameter("leader", int, description="Mã tài khoản lãnh đạo chỉ đạo"),
    OpenApiParameter("kind", int, description="Mã loại cơ quan"),
    OpenApiParameter("agency", int, description="Mã cơ quan chủ trì"),
]


class DashboardView(APIView):
    @extend_schema(parameters=DASHBOARD_FILTERS, responses=DashboardSerializer, summary="Số liệu tổng hợp của một kỳ")
    def get(self, request):
        form = DashboardForm(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise _user_query_error(form.errors)
        if not form.is_bound:
            form.cleaned_data = {}
        params, day, start, end, label = form.task_params(timezone.localdate())
        scoped = figures.scope(request.user, params)
        by_agency, _ = figures.figures_by_agency_and_by_month(scoped, day)
        data = {
            "start": start,
            "end": end,
            "day": day,
            "label": label,
            "totals": _figures(figures.total(by_agency)),
            "agencies": [
                {"agency_id": r.agency_id, "name": r.name, "kind_name": r.kind_name, "rank": r.rank, "figures": r}
                for r in figures.agencies_table(by_agency, params)
            ],
            "overdue": figures.overdue_list(scoped, day).prefetch_related("coordinating"),
            "due_week": figures.due_this_week(scoped, day).prefetch_related("coordinating"),
        }
        for row in data["agencies"]:
            row["figures"] = _figures(row["figures"].figures)
        return Response(DashboardSerializer(data).data)


def _figures(f) -> dict:
    return {**{name: getattr(f, name) for name in FIGURES}, "cancelled": f.cancelled, "rate": f.rate}
