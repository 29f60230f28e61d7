"""The chasing letter's pages: GET shows what the letter will hold, POST makes the .docx and writes
the history (office staff only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agencies.models import Agency
from agencies.roles import office_staff_required
from directives.reports.letters.content import agencies_with_overdue, build_letter
from directives.reports.letters.services import issue_letter

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE = "directives/reports/letters/confirm.html"


def _answer(request, letter, *, single: bool):
    if request.method == "POST":
        try:
            content = issue_letter(letter=letter, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            response = HttpResponse(content, content_type=DOCX)
            response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
            return response
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATE, {"letter": letter, "single": single}, status=status)


@office_staff_required
def letter_all(request):
    """One letter to every agency that leads an overdue task."""
    today = timezone.localdate()
    return _answer(request, build_letter(list(agencies_with_overdue(today)), today), single=False)


@office_staff_required
def letter_agency(request, agency_id):
    today = timezone.localdate()
    agency = get_object_or_404(Agency, pk=agency_id)
    return _answer(request, build_letter([agency], today), single=True)
