"""Geometry for the server-drawn SVG charts (the templates only place what is computed here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from presswatch.store.sqlite import EVENT_QUAD, QUAD_CLASSES

__all__ = ["QUAD_COLOURS", "quad_of", "stacked_bars", "time_axis"]

#: Cooperation in blues and greens, conflict in oranges and reds; verbal lighter than material.
QUAD_COLOURS = {
    "verbal_cooperation": "#5b9bd5",
    "material_cooperation": "#2e8b57",
    "verbal_conflict": "#f0a030",
    "material_conflict": "#c0392b",
}


def quad_of(event_type: str) -> str:
    return EVENT_QUAD.get(event_type, "other")


def stacked_bars(timeline: dict[str, Any], width: int = 760, height: int = 220) -> dict[str, Any]:
    """Bars per period, stacked by quad class, with y ticks and sparse x labels."""
    buckets = timeline["buckets"]
    left, bottom, top = 36, 24, 8
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((b["total"] for b in buckets), default=0) or 1
    n = max(len(buckets), 1)
    step = plot_w / n
    bar_w = max(min(step * 0.8, 40), 1.5)
    bars = []
    label_every = max(1, round(n / 12))
    for i, b in enumerate(buckets):
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        stack = []
        for quad in QUAD_CLASSES:
            count = sum(c for t, c in b["counts"].items() if EVENT_QUAD.get(t) == quad)
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            stack.append({"y": round(y, 1), "h": round(h, 1), "quad": quad, "count": count,
                          "colour": QUAD_COLOURS[quad]})  # fmt: skip
        detail = ", ".join(f"{t} {c}" for t, c in sorted(b["counts"].items(), key=lambda x: -x[1]))
        bars.append({"x": round(x, 1), "w": round(bar_w, 1), "period": b["period"],
                     "total": b["total"], "stack": stack, "detail": detail,
                     "label": b["period"] if i % label_every == 0 else ""})  # fmt: skip
    ticks = [{"y": round(top + plot_h - plot_h * v / peak, 1), "v": v}
             for v in sorted({0, peak // 2, peak})]  # fmt: skip
    return {"width": width, "height": height, "left": left, "base": top + plot_h,
            "bars": bars, "ticks": ticks}  # fmt: skip


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    v = value[:10]
    try:
        if len(v) == 10:
            return dt.date.fromisoformat(v)
        if len(v) == 7:
            return dt.date.fromisoformat(v + "-15")
        if len(v) == 4 and v.isdigit():
            return dt.date(int(v), 7, 1)
    except ValueError:
        return None
    return None


def time_axis(events: list[dict[str, Any]], width: int = 900) -> dict[str, Any]:
    """Events as dots on a time axis, one lane per PLOVER type present."""
    dated = [(d, e) for e in events if (d := _day(e.get("day") or e.get("date")))]
    order = [t for types in QUAD_CLASSES.values() for t in types]
    types = sorted({e["type"] for _, e in dated},
                   key=lambda t: (order.index(t) if t in order else 99, t))  # fmt: skip
    lane_h, left, top = 22, 92, 24
    height = top + lane_h * max(len(types), 1) + 8
    if not dated:
        return {"width": width, "height": height, "dots": [], "lanes": [], "ticks": [],
                "outside": 0}  # fmt: skip
    days = sorted(d for d, _ in dated)
    # A stray date decades off (a historical reference) would squash the rest into a
    # sliver: past 20 events the axis spans the 2nd to 98th percentile, and the few
    # outside it are left off the axis (they stay in the list below).
    cut = len(days) // 50 if len(days) > 20 else 0
    lo, hi = days[cut], days[-1 - cut]
    outside = sum(1 for d, _ in dated if not lo <= d <= hi)
    dated = [(d, e) for d, e in dated if lo <= d <= hi]
    span = max((hi - lo).days, 1)
    plot_w = width - left - 16

    def x_of(d: dt.date) -> float:
        return round(left + plot_w * (d - lo).days / span, 1)

    lanes = [{"type": t, "y": top + i * lane_h + lane_h / 2,
              "colour": QUAD_COLOURS.get(quad_of(t), "#888")}
             for i, t in enumerate(types)]  # fmt: skip
    lane_y = {ln["type"]: ln["y"] for ln in lanes}
    dots = [{"x": x_of(d), "y": lane_y[e["type"]], "event": e, "day": d.isoformat(),
             "colour": QUAD_COLOURS.get(quad_of(e["type"]), "#888")}
            for d, e in dated]  # fmt: skip
    ticks = []
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    every = max(1, months // 8 + (1 if months % 8 else 0)) if months else 1
    cur = dt.date(lo.year, lo.month, 1)
    i = 0
    while cur <= hi:
        if cur >= lo and i % every == 0:
            ticks.append({"x": x_of(cur), "label": cur.strftime("%Y-%m")})
        i += 1
        cur = dt.date(cur.year + (cur.month == 12), cur.month % 12 + 1, 1)
    if not ticks:
        ticks = [{"x": x_of(lo), "label": lo.isoformat()}]
    return {"width": width, "height": height, "dots": dots, "lanes": lanes, "ticks": ticks,
            "outside": outside}  # fmt: skip
