"""Template hygiene: Django's {# #} comments are single-line; a multi-line one is printed as text."""

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_no_multiline_short_comments():
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line[line.index("{#") :]
    ]
    assert offenders == []


def test_the_server_error_page_speaks_vietnamese_without_a_request_context():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Đã có lỗi ở máy chủ" in page
    assert 'lang="vi"' in page
