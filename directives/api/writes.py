"""The API's writes: each one is the pages' action by another door.

The shape is the task page's `_task_action`: find what the user may see (404), ask `may` whether
the role allows the action (403) before reading the input, check the input (400), then call the
same service as the page, which locks, records the history and notifies. A service's refusal is
a 400 with its message (the exception handler in views). Every POST honours Idempotency-Key.
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from agencies.roles import is_office_staff
from agencies.selectors import agency_directory
from directives.api import serializers as s
from directives.api.idempotency import idempotent
from directives.api.pagination import NewestFirst
from directives.models import ExtensionRequest
from directives.notices.importing.convert import review_from_reading, text_for_saving
from directives.notices.importing.files import MAX_PASTE_BYTES, ImportFileError, check_pasted, text_from_upload
from directives.notices.selectors import notice_conclusions_for, notices_visible_to
from directives.notices.services import notice_draft_save
from directives.tasks import workflow
from directives.tasks.access import get_task_for_user
from directives.tasks.permissions import Action, may
from meetings.reader import NotANoticeError, read_notice

MSG_NOT_A_NOTICE = (
    "{reason} Hãy gửi đúng toàn văn một thông báo kết luận: có các mục kết luận đánh số (1., 2., …) "
    "giao nhiệm vụ cho cơ quan. Chưa có gì được lưu."
)
FILE_PARSERS = [MultiPartParser, FormParser, JSONParser]


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise exceptions.PermissionDenied(message)


def _refuse_huge_body(request, limit: int) -> None:
    """Refused before the body is read, so a huge upload never reaches the disk (as on the pages)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = limit + 1
    if length > limit:
        error = exceptions.APIException(
            f"Dữ liệu gửi lên quá lớn: mỗi tệp tối đa {filesizeformat(settings.UPLOAD_MAX_BYTES)}. "
            "Không có gì được lưu."
        )
        error.status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        raise error


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _task_body_limit() -> int:
    return settings.UPLOAD_MAX_BYTES * settings.ATTACHMENTS_PER_REPORT + 1024 * 1024


# --- Agencies' work on a task --------------------------------------------------------------------------


class TaskReportsView(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(responses=s.ReportSerializer(many=True), summary="Báo cáo tiến độ và hoàn thành của nhiệm vụ")
    def get(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        reports = task.reports.select_related("author").prefetch_related("attachments")
        return Response(s.ReportSerializer(reports, many=True).data)

    @extend_schema(request=s.ReportInputSerializer, responses={201: s.ReportSerializer}, summary="Báo cáo tiến độ")
    @idempotent
    def post(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        _refuse_unless(may(request.user, task, Action.REPORT), "Chỉ cơ quan chủ trì hoặc phối hợp mới báo cáo.")
        _refuse_huge_body(request, _task_body_limit())
        data = _valid(s.ReportInputSerializer, request)
        report = workflow.task_report_progress(task=task, actor=request.user, **data)
        return Response(s.ReportSerializer(report).data, status=status.HTTP_201_CREATED)


class TaskCompletionView(APIView):
    parser_classes = FILE_PARSERS

    @extend_schema(
        request=s.CompletionInputSerializer, responses={200: s.TaskDetailSerializer}, summary="Báo cáo hoàn thành"
    )
    @idempotent
    def post(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        _refuse_unless(may(request.user, task, Action.SUBMIT), "Chỉ cơ quan chủ trì mới báo cáo hoàn thành.")
        _refuse_huge_body(request, _task_body_limit())
        data = _valid(s.CompletionInputSerializer, request)
        task = workflow.task_submit_completion(task=task, actor=request.user, **data)
        return Response(s.TaskDetailSerializer(task).data)


class TaskExtensionsView(APIView):
    @extend_schema(responses=s.ExtensionSerializer(many=True), summary="Đề nghị gia hạn của nhiệm vụ")
    def get(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        return Response(s.ExtensionSerializer(task.extension_requests.all(), many=True).data)

    @extend_schema(
        request=s.ExtensionInputSerializer, responses={201: s.ExtensionSerializer}, summary="Đề nghị gia hạn"
    )
    @idempotent
    def post(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        _refuse_unless(may(request.user, task, Action.REQUEST_EXTENSION), "Chỉ cơ quan chủ trì mới đề nghị gia hạn.")
        data = _valid(s.ExtensionInputSerializer, request)
        extension = workflow.extension_request(task=task, actor=request.user, **data)
        return Response(s.ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)


# --- The office and leaders ---------------------------------------------------------------------------


class TaskVerifyView(APIView):
    @extend_schema(
        request=s.VerifyInputSerializer, responses={200: s.TaskDetailSerializer}, summary="Xác nhận hoàn thành"
    )
    @idempotent
    def post(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        _refuse_unless(may(request.user, task, Action.VERIFY), "Chỉ Văn phòng UBND tỉnh mới xác nhận hoàn thành.")
        data = _valid(s.VerifyInputSerializer, request)
        task = workflow.task_verify(task=task, actor=request.user, **data)
        return Response(s.TaskDetailSerializer(task).data)


class TaskReturnView(APIView):
    @extend_schema(
        request=s.ReturnInputSerializer, responses={200: s.TaskDetailSerializer}, summary="Trả lại báo cáo hoàn thành"
    )
    @idempotent
    def post(self, request, pk: int):
        task = get_task_for_user(request.user, pk)
        _refuse_unless(may(request.user, task, Action.RETURN), "Chỉ Văn phòng UBND tỉnh mới trả lại báo cáo.")
        data = _valid(s.ReturnInputSerializer, request)
        task = workflow.task_return(task=task, actor=request.user, **data)
        return Response(s.TaskDetailSerializer(task).data)


class ExtensionDecisionView(APIView):
    @extend_schema(
        request=s.DecisionInputSerializer, responses={200: s.ExtensionSerializer}, summary="Quyết định gia hạn"
    )
    @idempotent
    def post(self, request, pk: int):
        extension = ExtensionRequest.objects.filter(pk=pk).first()
        if extension is None:
            raise exceptions.NotFound
        task = get_task_for_user(request.user, extension.task_id)
        _refuse_unless(may(request.user, task, Action.DECIDE_EXTENSION), "Bạn không có quyền quyết định gia hạn.")
        data = _valid(s.DecisionInputSerializer, request)
        extension = workflow.extension_decide(
            request=extension,
            actor=request.user,
            approve=data["decision"] == "approve",
            reason=data["reason"],
            approved_date=data["approved_date"],
        )
        return Response(s.ExtensionSerializer(extension).data)


# --- Documents: listing, and a draft from a document's text --------------------------------------------


class DocumentListView(generics.ListAPIView):
    serializer_class = s.DocumentSerializer
    pagination_class = NewestFirst
    parser_classes = FILE_PARSERS

    def get_queryset(self):
        return notices_visible_to(self.request.user).select_related("meeting", "kind")

    @extend_schema(summary="Thông báo kết luận mà tài khoản được xem, mới nhất trước")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.DocumentInputSerializer,
        responses={201: s.DraftCreatedSerializer},
        summary="Tạo dự thảo thông báo từ toàn văn hoặc tệp (không ban hành)",
    )
    @idempotent
    def post(self, request):
        _refuse_unless(is_office_staff(request.user), "Chỉ chuyên viên Văn phòng UBND tỉnh được tạo thông báo.")
        _refuse_huge_body(request, settings.UPLOAD_MAX_BYTES + MAX_PASTE_BYTES + 1024 * 1024)
        data = _valid(s.DocumentInputSerializer, request)
        notice, notice.reader_warnings, notice.unresolved = _draft_from_document(request.user, data)
        conclusions = notice_conclusions_for(request.user, notice)
        body = s.DraftCreatedSerializer(notice, context={"conclusions": conclusions}).data
        return Response(body, status=status.HTTP_201_CREATED)


def _draft_from_document(user, data: dict):
    """Read the document as the import page does and save what was read as a draft, for the
    office to review on its page. Nothing is published.

    On the page the clerk resolves every name before saving; a system cannot, so names the
    directory does not know are left out of the draft's agencies (the text keeps them) and come
    back in `unresolved`; a task whose every lead is unknown is left for the office to add.
    """
    upload = data.get("file")
    field = "file" if upload else "text"
    try:
        source = text_from_upload(upload) if upload else check_pasted(data.get("text") or "")
        read = read_notice(source, directory=agency_directory())
    except ImportFileError as exc:
        raise exceptions.ValidationError({field: [str(exc)]}) from None
    except NotANoticeError as exc:
        raise exceptions.ValidationError({field: [MSG_NOT_A_NOTICE.format(reason=str(exc).strip())]}) from None
    review = review_from_reading(read)
    draft = review.draft
    if data.get("meeting") is not None:
        draft.meeting = data["meeting"]
    left_out = _without_unknown_names(draft)
    text_for_saving(draft)
    notice = notice_draft_save(
        notice=None, meeting=draft.meeting, fields=draft.fields, conclusions=draft.conclusions, actor=user
    )
    unresolved = [
        {
            "name": item.text,
            "role": item.role_label,
            "conclusion": item.conclusion + 1,
            "task": item.task + 1,
            "task_left_out": (item.conclusion, item.task) in left_out,
            "suggestions": item.suggestions,
        }
        for item in review.unresolved
    ]
    return notice, review.warnings, unresolved


def _without_unknown_names(draft) -> set[tuple[int, int]]:
    """Drop unresolved names (plain strings) from every task's agencies; drop the tasks left
    without any lead. Returns the (conclusion, task) positions of the tasks dropped."""
    left_out = set()
    for ci, conclusion in enumerate(draft.conclusions):
        kept = []
        for ti, task in enumerate(conclusion.tasks):
            task.leads = [item for item in task.leads if not isinstance(item, str)]
            task.co_leads = [item for item in task.co_leads if not isinstance(item, str)]
            task.coordinating = [item for item in task.coordinating if not isinstance(item, str)]
            if task.leads or task.co_leads:
                kept.append(task)
            else:
                left_out.add((ci, ti))
        conclusion.tasks = kept
    return left_out
