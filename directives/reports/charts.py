"""Charts drawn on the server as SVG geometry (no JavaScript, nothing from a CDN).

Each function returns plain numbers for templates/dashboard/_*.svg.html; every bar is a link to
the task list, carries a <title> with its words and number, and the same figures are printed as
a table beside the chart, so colour is never the only carrier of meaning.
"""

import datetime as dt

from directives.reports.selectors import LATE, ON_TIME, OVERDUE, Figures

SERIES = [(ON_TIME, "Hoàn thành đúng hạn", "bar-ontime"), (LATE, "Hoàn thành quá hạn", "bar-late"),
          (OVERDUE, "Quá hạn", "bar-overdue")]  # fmt: skip


def trend_chart(trend: dict[dt.date, Figures], link) -> dict:
    """Stacked bars per month. `link(month, bucket)` gives each segment's task-list URL."""
    width, height, left, bottom, top = 640, 240, 36, 28, 10
    months = list(trend)
    peak = max([sum(f.counts.get(key, 0) for key, _, _ in SERIES) for f in trend.values()] + [1])
    slot = (width - left) / max(len(months), 1)
    bar = slot * 0.6
    scale = (height - bottom - top) / peak
    bars = []
    for index, month in enumerate(months):
        x = left + index * slot + (slot - bar) / 2
        y = height - bottom
        segments = []
        for key, label, css in SERIES:
            n = trend[month].counts.get(key, 0)
            if n:
                h = n * scale
                y -= h
                segments.append({"x": round(x, 1), "y": round(y, 1), "w": round(bar, 1), "h": round(h, 1),
                                 "n": n, "label": label, "css": css, "url": link(month, key)})  # fmt: skip
        bars.append({"label": f"{month:%m/%Y}", "cx": round(x + bar / 2, 1), "segments": segments,
                     "figures": trend[month]})  # fmt: skip
    ticks = [{"y": round(height - bottom - v * scale, 1), "v": v} for v in _ticks(peak)]
    return {"width": width, "height": height, "left": left, "base": height - bottom, "bars": bars, "ticks": ticks,
            "series": SERIES}  # fmt: skip


def overdue_chart(rows, limit: int = 12) -> dict:
    """Horizontal bars: the agencies with the most overdue tasks."""
    rows = sorted((r for r in rows if r.figures.overdue), key=lambda r: (-r.figures.overdue, r.name))[:limit]
    width, label_width, bar_height, gap = 640, 250, 18, 8
    peak = max([r.figures.overdue for r in rows] + [1])
    scale = (width - label_width - 50) / peak
    bars = []
    for index, row in enumerate(rows):
        y = index * (bar_height + gap) + 4
        bars.append({"name": row.name, "n": row.figures.overdue, "y": y, "ty": y + bar_height - 4,
                     "w": round(max(row.figures.overdue * scale, 2), 1), "url": row.links["overdue"]})  # fmt: skip
    return {"width": width, "height": len(bars) * (bar_height + gap) + 8, "x": label_width, "bar_height": bar_height,
            "bars": bars}  # fmt: skip


def _ticks(peak: int) -> list[int]:
    step = 1
    for candidate in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000):
        step = candidate
        if peak / candidate <= 5:
            break
    return list(range(0, peak + 1, step))
