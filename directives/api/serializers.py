"""What the API reads and writes, as JSON. Output serializers only describe rows the access gate
already let through; input serializers check the shape of a request in Vietnamese, and the
services decide everything else."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agencies.models import Agency
from directives.models import Attachment, ExtensionRequest, ProgressReport, Task, TaskEvent
from directives.tasks.status import TaskStatus, compute_status
from directives.tasks.uploads import ALLOWED_DESCRIPTION, check_uploads
from meetings.models import Conclusion, ConclusionNotice, Meeting

LONG_TEXT = 10_000


def _messages(label: str, **extra) -> dict[str, str]:
    """Vietnamese messages for a field, whatever DRF's own translation holds."""
    return {
        "required": f"Hãy nhập {label}.",
        "blank": f"Hãy nhập {label}.",
        "null": f"Hãy nhập {label}.",
        "invalid": f"{label[:1].upper()}{label[1:]} không hợp lệ.",
        "max_length": f"{label[:1].upper()}{label[1:]} dài quá {{max_length}} ký tự.",
        **extra,
    }


DATE_MESSAGES = {"invalid": "Ngày không hợp lệ: hãy ghi theo dạng YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2021-06-30."}


# --- Output ---------------------------------------------------------------------------------------


class AgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name"]


class AgencySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind.name")
    kind_code = serializers.CharField(source="kind.code")
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "kind", "kind_code", "parent", "is_active", "successor", "aliases"]

    def get_aliases(self, agency) -> list[str]:
        return [alias.name for alias in agency.aliases.all()]


class MeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "title", "kind", "held_on", "chair_name", "chair_title", "is_online", "place"]


class DocumentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConclusionNotice
        fields = ["id", "number", "title", "status"]


class TaskSerializer(serializers.ModelSerializer):
    """A task as lists show it. `status` is judged today, or on the `on=` day of a task list."""

    lead = AgencyBriefSerializer()
    coordinating = AgencyBriefSerializer(many=True)
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    document = DocumentRefSerializer(source="conclusion.notice")
    conclusion = serializers.CharField(source="conclusion.label")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "url",
            "action",
            "lead",
            "coordinating",
            "deadline_kind",
            "recurrence",
            "due_date",
            "original_due_date",
            "status",
            "status_label",
            "published_at",
            "submitted_at",
            "completed_on",
            "cancelled_at",
            "document",
            "conclusion",
        ]

    def _status(self, task) -> TaskStatus:
        value = getattr(task, "row_status", None) or compute_status(task, timezone.localdate())
        return TaskStatus(value)

    def get_status(self, task) -> str:
        return self._status(task).value

    def get_status_label(self, task) -> str:
        return self._status(task).label

    def get_url(self, task) -> str:
        return reverse("api:task-detail", args=[task.pk])


class TaskDetailSerializer(TaskSerializer):
    class Meta(TaskSerializer.Meta):
        fields = [
            *TaskSerializer.Meta.fields,
            "source_text",
            "completion_note",
            "returned_at",
            "return_reason",
            "verified_at",
            "cancel_reason",
        ]


class EventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    actor = serializers.SerializerMethodField()

    class Meta:
        model = TaskEvent
        fields = ["id", "kind", "kind_label", "at", "actor", "actor_agency", "data", "note"]

    def get_actor(self, event) -> str:
        return event.actor.get_full_name() or event.actor.username if event.actor else ""


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        return reverse("api:attachment-download", args=[attachment.pk])


class ReportSerializer(serializers.ModelSerializer):
    attachments = AttachmentSerializer(many=True)
    author = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "kind",
            "agency",
            "agency_name",
            "is_lead",
            "author",
            "text",
            "document_number",
            "document_date",
            "percent",
            "period",
            "created_at",
            "attachments",
        ]

    def get_author(self, report) -> str:
        return report.author.get_full_name() or report.author.username if report.author else ""


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "task",
            "status",
            "agency_name",
            "requested_at",
            "due_date_before",
            "requested_date",
            "reason",
            "is_late",
            "decided_at",
            "decision_reason",
            "approved_date",
        ]


class DocumentSerializer(serializers.ModelSerializer):
    # Only a conclusion notice must have a meeting: a letter, a directive or a plan has none.
    meeting = MeetingSerializer(allow_null=True, read_only=True)
    url = serializers.SerializerMethodField()
    kind = serializers.CharField(source="kind.name", read_only=True, help_text="Loại văn bản, ví dụ: Công văn.")
    kind_code = serializers.SlugRelatedField(
        source="kind", slug_field="code", read_only=True, help_text="Mã loại văn bản, ví dụ: cong_van."
    )
    leader = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="Tài khoản lãnh đạo chỉ đạo (nếu đã xác định)."
    )
    leader_name = serializers.CharField(
        source="leader_display", read_only=True, help_text="Lãnh đạo chỉ đạo như ghi trên văn bản."
    )

    class Meta:
        model = ConclusionNotice
        fields = [
            "id",
            "url",
            "kind",
            "kind_code",
            "issuer",
            "leader",
            "leader_name",
            "number",
            "place",
            "issued_on",
            "issued_on_text",
            "title",
            "status",
            "published_at",
            "signer_name",
            "signing_formula",
            "recipients",
            "meeting",
        ]

    def get_url(self, notice) -> str:
        return reverse("api:document-detail", args=[notice.pk])


class ConclusionSerializer(serializers.ModelSerializer):
    tasks = TaskSerializer(many=True, source="visible_tasks")

    class Meta:
        model = Conclusion
        fields = ["id", "label", "text", "tasks"]


class DocumentDetailSerializer(DocumentSerializer):
    conclusions = serializers.SerializerMethodField()

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "conclusions"]

    @extend_schema_field(ConclusionSerializer(many=True))
    def get_conclusions(self, notice):
        return ConclusionSerializer(self.context["conclusions"], many=True).data


class UnresolvedSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Tên cơ quan như ghi trên văn bản")
    role = serializers.CharField(help_text="cơ quan chủ trì, cùng chủ trì hoặc phối hợp")
    conclusion = serializers.IntegerField(help_text="Thứ tự kết luận đọc được, từ 1")
    task = serializers.IntegerField(help_text="Thứ tự nhiệm vụ trong kết luận, từ 1")
    task_left_out = serializers.BooleanField(help_text="Nhiệm vụ chưa được tạo vì không có cơ quan chủ trì nào")
    suggestions = serializers.ListField(child=serializers.CharField(), help_text="Các tên gần nhất trong danh mục")


class DraftCreatedSerializer(DocumentDetailSerializer):
    """A draft made from a document: what was stored, and what the office should check on review."""

    warnings = serializers.ListField(child=serializers.CharField(), source="reader_warnings")
    unresolved = UnresolvedSerializer(many=True)
    review_url = serializers.SerializerMethodField()

    class Meta(DocumentDetailSerializer.Meta):
        fields = [*DocumentDetailSerializer.Meta.fields, "warnings", "unresolved", "review_url"]

    def get_review_url(self, notice) -> str:
        return reverse("notice_detail", args=[notice.pk])


# --- Input ----------------------------------------------------------------------------------------


class _FilesField(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(
            child=serializers.FileField(
                error_messages={"empty": "Tệp được chọn trống (0 byte): hãy chọn lại tệp.", **_messages("tệp")}
            ),
            required=False,
            help_text=f"{ALLOWED_DESCRIPTION}; tối đa {settings.ATTACHMENTS_PER_REPORT} tệp.",
            error_messages={"not_a_list": "Tệp đính kèm phải là một danh sách tệp."},
            **kwargs,
        )

    def to_internal_value(self, data):
        files = super().to_internal_value(data)
        try:
            check_uploads(files)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None
        return files


class ReportInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=LONG_TEXT, error_messages=_messages("nội dung báo cáo"))
    document_number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="", error_messages=_messages("số văn bản báo cáo")
    )
    document_date = serializers.DateField(required=False, allow_null=True, default=None, error_messages=DATE_MESSAGES)
    percent = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Tỷ lệ hoàn thành phải là một số từ 0 đến 100.",
            "min_value": "Tỷ lệ hoàn thành phải từ 0 đến 100.",
            "max_value": "Tỷ lệ hoàn thành phải từ 0 đến 100.",
            "max_string_length": "Tỷ lệ hoàn thành phải là một số từ 0 đến 100.",
        },
    )
    files = _FilesField()


class CompletionInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=LONG_TEXT, error_messages=_messages("kết quả thực hiện"))
    files = _FilesField()


class ExtensionInputSerializer(serializers.Serializer):
    requested_date = serializers.DateField(error_messages={**DATE_MESSAGES, "required": "Hãy nhập hạn đề nghị."})
    reason = serializers.CharField(max_length=LONG_TEXT, error_messages=_messages("lý do đề nghị gia hạn"))


class VerifyInputSerializer(serializers.Serializer):
    completed_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages=DATE_MESSAGES,
        help_text="Ngày hoàn thành; bỏ trống: ngày cơ quan báo cáo hoàn thành.",
    )


class ReturnInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=LONG_TEXT, error_messages=_messages("lý do trả lại"))


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("approve", "Đồng ý gia hạn"), ("refuse", "Không đồng ý")],
        error_messages={
            "required": "Hãy chọn đồng ý (approve) hoặc không đồng ý (refuse).",
            "invalid_choice": "Quyết định phải là approve hoặc refuse.",
        },
    )
    reason = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default="", error_messages=_messages("ý kiến")
    )
    approved_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages=DATE_MESSAGES,
        help_text="Hạn đồng ý, nếu sớm hơn hạn đề nghị (khi đó bắt buộc ghi lý do); bỏ trống: hạn đề nghị.",
    )

    def validate(self, data):
        if data["decision"] == "refuse" and not data["reason"].strip():
            raise serializers.ValidationError({"reason": ["Hãy ghi lý do không đồng ý gia hạn."]})
        if data["decision"] == "refuse" and data["approved_date"] is not None:
            raise serializers.ValidationError({"approved_date": ["Chỉ ghi hạn đồng ý khi đồng ý gia hạn."]})
        return data


class DocumentInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Toàn văn thông báo (hoặc gửi tệp trong trường file).",
        error_messages=_messages("toàn văn thông báo"),
    )
    file = serializers.FileField(
        required=False,
        help_text="Tệp .txt, .docx hoặc .pdf có lớp chữ.",
        error_messages={"empty": "Tệp đã chọn trống (0 byte): hãy chọn lại tệp.", **_messages("tệp")},
    )
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        required=False,
        allow_null=True,
        help_text="Mã cuộc họp đã có; bỏ trống: tạo cuộc họp theo nội dung đọc được.",
        error_messages={
            "does_not_exist": "Không tìm thấy cuộc họp với mã này.",
            "incorrect_type": "Mã cuộc họp phải là một số.",
        },
    )

    def validate(self, data):
        if data.get("file") and (data.get("text") or "").strip():
            raise serializers.ValidationError({"text": ["Chỉ gửi một trong hai: văn bản (text) hoặc tệp (file)."]})
        return data


class FieldErrorsSerializer(serializers.Serializer):
    """400: each field (or `non_field_errors`) with its messages."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()
