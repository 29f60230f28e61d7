"""Sortable column headers, one way for every table (the notice list, the dashboard's agencies).

Each header links to the same page with the other filters kept, back on the first page, and its
column's order flipped; `aria` is what the table's `aria-sort` says about the order shown now.
"""

from collections.abc import Iterable

from django.http import QueryDict


def sort_headers(query: QueryDict, columns: Iterable[tuple[str, str]], *, param: str, current: str) -> list[dict]:
    """`columns` are (key, label); `current` is the order shown ("date", "-date"), which the
    caller knows best when the page has a default order and the query names none."""
    headers = []
    for key, label in columns:
        params = query.copy()
        params.pop("page", None)
        params[param] = f"-{key}" if current == key else key
        aria = "ascending" if current == key else "descending" if current == f"-{key}" else "none"
        headers.append({"key": key, "label": label, "url": f"?{params.urlencode()}", "aria": aria})
    return headers
