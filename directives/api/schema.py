"""The OpenAPI description: every operation also lists the refusals it can answer, each with the
shape it really has, so a client (and the schema checks in the tests) can rely on them."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from directives.api.serializers import DetailSerializer, FieldErrorsSerializer

ERRORS = {
    "400": ("Dữ liệu không hợp lệ: mỗi trường kèm lời nhắn lỗi.", FieldErrorsSerializer),
    "401": ("Thiếu khóa API, hoặc khóa không hợp lệ hay đã bị thu hồi.", DetailSerializer),
    "403": ("Tài khoản của khóa không được làm thao tác này.", DetailSerializer),
    "404": ("Không tìm thấy, hoặc tài khoản của khóa không được xem.", DetailSerializer),
    "413": ("Dữ liệu gửi lên quá lớn.", DetailSerializer),
    "415": ("Kiểu nội dung không được hỗ trợ.", DetailSerializer),
    "422": ("Idempotency-Key đã dùng cho một yêu cầu khác.", DetailSerializer),
    "409": ("Yêu cầu cùng Idempotency-Key đang được xử lý.", DetailSerializer),
    "429": ("Quá nhiều yêu cầu.", DetailSerializer),
}
READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "413", "415", "422", "429")

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="Gửi lại yêu cầu với cùng khóa sẽ nhận lại đúng phản hồi lần đầu, không ghi thêm lần nữa.",
)


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        write = self.method in ("POST", "PUT", "PATCH", "DELETE")
        for code in WRITE_ERRORS if write else READ_ERRORS:
            if code not in responses:
                description, serializer = ERRORS[code]
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(serializer, description=description), code, direction=direction
                )
        return responses

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "POST":
            parameters = [*parameters, IDEMPOTENCY_KEY]
        return parameters
