"""The row helpers of long lists give what the template tags they replace gave."""

import datetime as dt

from django.template import Context, Template
from django.urls import reverse, set_script_prefix

from directives.tasks.status import TaskStatus
from directives.templatetags.directives_tags import dmy, status_badge, task_url


def _render(source: str, **context) -> str:
    return Template("{% load directives_tags %}" + source).render(Context(context)).strip()


def test_task_url_is_the_reversed_address():
    for pk in (1, 42, 987654321, 123456789012):
        assert task_url(pk) == reverse("task_detail", args=[pk])


def test_task_url_follows_the_script_prefix():
    set_script_prefix("/theodoi/")
    try:
        assert task_url(7) == "/theodoi/tasks/7/" == reverse("task_detail", args=[7])
    finally:
        set_script_prefix("/")


def test_dmy_reads_like_the_date_filter():
    day = dt.date(2021, 6, 5)
    assert dmy(day) == _render('{{ d|date:"d/m/Y" }}', d=day) == "05/06/2021"
    assert dmy(None) == ""


def test_status_badge_is_the_status_partial():
    for status in TaskStatus:
        for kind in ("recurring", "ongoing", "date", None):
            partial = _render('{% include "partials/_status.html" with status=s kind=k %}', s=status.value, k=kind)
            assert str(status_badge(status.value, kind)) == partial
    assert 'class="badge st-overdue"' in str(status_badge(TaskStatus.OVERDUE.value))


def test_status_badge_escapes_nothing_unsafe():
    assert str(status_badge("<script>")) == '<span class="badge "></span>'


def test_options_is_the_loop_it_replaces():
    loop = (
        '{% for value, label in items %}<option value="{{ value }}"{% if current == value %} selected{% endif %}>'
        "{{ label }}</option>{% endfor %}"
    )
    items = [("overdue", "Quá hạn"), ("a&b", '<b>"x"</b>'), (3, "Ba")]
    for current in ("overdue", "a&b", "", None, "nothing"):
        assert _render("{% options items current %}", items=items, current=current) == _render(
            loop, items=items, current=current
        )


def test_options_selects_a_number_by_the_query_strings_text():
    html = _render("{% options items '14' %}", items=[(4, "Bốn"), (14, "Mười bốn"), (140, "x")])
    assert (
        html
        == '<option value="4">Bốn</option><option value="14" selected>Mười bốn</option><option value="140">x</option>'
    )


def test_options_of_triples_say_themselves_which_is_selected():
    html = _render("{% options items %}", items=[(1, "Một", False), (2, "Hai & <ba>", True)])
    assert html == '<option value="1">Một</option><option value="2" selected>Hai &amp; &lt;ba&gt;</option>'


def test_truncate_chars_is_the_truncatechars_filter():
    from directives.templatetags.directives_tags import truncate_chars

    filtered = Template("{% autoescape off %}{{ t|truncatechars:n }}{% endautoescape %}")
    decomposed = "Hoa\u0300n tha\u0300nh ke\u0302\u0301 hoa\u0323ch"  # accents as combining marks (NFD)
    for text in ("", "Ngắn", "Rà soát " * 40, decomposed, decomposed * 20, "x" * 160, "x" * 161):
        for length in (1, 20, 160):
            assert truncate_chars(text, length) == filtered.render(Context({"t": text, "n": length}))
