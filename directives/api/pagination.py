"""Cursor pages for the API's lists (kept apart from the views: DRF loads it from the settings)."""

from rest_framework import exceptions
from rest_framework.pagination import CursorPagination

MSG_BAD_CURSOR = "Con trỏ phân trang (cursor) không hợp lệ: hãy dùng đúng liên kết next/previous đã nhận."


class IdCursorPagination(CursorPagination):
    """Pages that never repeat or skip a row while rows are added: ordered by id."""

    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 200

    def decode_cursor(self, request):
        # DRF answers a bad cursor with a 404, as if the list did not exist: it is bad input.
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError({self.cursor_query_param: [MSG_BAD_CURSOR]}) from None


class NewestFirst(IdCursorPagination):
    ordering = "-id"
