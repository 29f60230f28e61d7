"""Vietnamese for the refusals DRF words itself: its own vi catalogue leaves most of them in
English. Our fields carry their own messages; this covers the rest (a null byte in a text, a list
where a dict was expected, a JSON body that does not parse), keyed by DRF's error codes."""

from rest_framework.exceptions import ErrorDetail

BY_CODE = {
    "required": "Trường này là bắt buộc.",
    "null": "Trường này không được để trống (null).",
    "blank": "Trường này không được để trống.",
    "invalid": "Giá trị không hợp lệ.",
    "max_length": "Giá trị dài quá mức cho phép.",
    "min_length": "Giá trị ngắn hơn mức tối thiểu.",
    "max_value": "Giá trị lớn hơn mức cho phép.",
    "min_value": "Giá trị nhỏ hơn mức tối thiểu.",
    "max_string_length": "Số quá lớn.",
    "invalid_choice": "Lựa chọn không hợp lệ.",
    "not_a_list": "Giá trị phải là một danh sách.",
    "not_a_dict": "Giá trị phải là một đối tượng JSON.",
    "empty": "Danh sách hoặc tệp không được để trống.",
    "no_name": "Không xác định được tên tệp.",
    "does_not_exist": "Không tìm thấy đối tượng với mã này.",
    "incorrect_type": "Mã phải là một số.",
    "null_characters_not_allowed": "Văn bản không được chứa ký tự rỗng (\\x00).",
    "surrogate_characters_not_allowed": "Văn bản chứa ký tự Unicode không hợp lệ.",
    "date": "Cần một ngày, không phải ngày giờ.",
    "parse_error": "Nội dung gửi lên không đọc được: hãy gửi JSON hợp lệ hoặc multipart/form-data.",
    "unsupported_media_type": "Kiểu nội dung không được hỗ trợ: hãy gửi application/json hoặc multipart/form-data.",
    "method_not_allowed": "Phương thức này không dùng được ở địa chỉ này.",
    "not_acceptable": "Không thể trả lời theo định dạng yêu cầu (Accept): API trả lời JSON.",
    "throttled": "Quá nhiều yêu cầu: hãy thử lại sau.",
}
FALLBACK = "Giá trị không hợp lệ."


def in_vietnamese(detail):
    """The same errors with every message DRF left in English (plain ASCII) put in Vietnamese;
    ours, which always hold Vietnamese letters, are kept as they are."""
    if isinstance(detail, dict):
        return {key: in_vietnamese(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [in_vietnamese(item) for item in detail]
    if isinstance(detail, ErrorDetail) and str(detail).isascii():
        return ErrorDetail(BY_CODE.get(detail.code, FALLBACK), code=detail.code)
    return detail
