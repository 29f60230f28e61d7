from django.http import QueryDict

from directives.sorting import sort_headers

COLUMNS = [("date", "Ngày"), ("name", "Tên")]


def test_the_sorted_column_flips_and_the_others_sort_ascending_first():
    query = QueryDict("q=ke+hoach&o=date&page=3")
    date, name = sort_headers(query, COLUMNS, param="o", current="date")
    assert (date["aria"], date["url"]) == ("ascending", "?q=ke+hoach&o=-date")
    assert (name["aria"], name["url"]) == ("none", "?q=ke+hoach&o=name")


def test_a_default_order_the_query_does_not_name_is_shown():
    date, _ = sort_headers(QueryDict(""), COLUMNS, param="o", current="-date")
    assert (date["aria"], date["url"]) == ("descending", "?o=date")
