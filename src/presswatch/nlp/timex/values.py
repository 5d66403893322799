"""TIMEX3 values and the calendar arithmetic behind them (python-dateutil).

Every function takes the anchor (the DCT, or another date the text names) and a
*direction*: ``"past"`` when the clause is in the past tense (the expression
names a time on or before the anchor), ``"future"`` when it is in the future,
``None`` when the text does not say (the nearest occurrence wins).  With no
anchor the value is left honestly underspecified (``XXXX-09``) instead of
guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from dateutil.relativedelta import relativedelta, weekday

__all__ = [
    "Direction",
    "fmt_number",
    "fy_of",
    "granular",
    "month_value",
    "monthday_value",
    "season_value",
    "shift",
    "shifted_unit_value",
    "unit_value",
    "weekday_value",
]

Direction = Literal["past", "future"] | None

_WEEKDAYS = [weekday(i) for i in range(7)]  # dateutil MO..SU
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def fmt_number(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def weekday_value(anchor: dt.date | None, iso_wd: int, direction: Direction,
                  shift_by: int | None = None) -> str:
    """The date of a weekday ("Friday", "last Friday", "next Friday", "this Friday")."""
    if anchor is None:
        return f"XXXX-WXX-{iso_wd}"
    wd = _WEEKDAYS[iso_wd - 1]
    if shift_by == 0:  # "this Friday": the one in the anchor's ISO week
        day = anchor + dt.timedelta(days=iso_wd - anchor.isoweekday())
    elif shift_by is not None and shift_by < 0:  # "last Friday": strictly before
        day = anchor + relativedelta(days=-1, weekday=wd(-1))
    elif shift_by is not None and shift_by > 0:  # "next Friday": strictly after
        day = anchor + relativedelta(days=+1, weekday=wd(+1))
    else:
        before = anchor + relativedelta(weekday=wd(-1))  # on or before
        after = anchor + relativedelta(weekday=wd(+1))  # on or after
        if direction == "past":
            day = before
        elif direction == "future":
            day = after
        else:
            # No tense to go by: the nearer one; a tie goes to the past because
            # news mostly reports what already happened.
            day = before if (anchor - before) <= (after - anchor) else after
    return day.isoformat()


def _nearest_year(anchor: dt.date, month: int, day: int, direction: Direction) -> int:
    def when(year: int) -> dt.date:
        # 29 February in a non-leap year: the comparison only needs an order.
        return dt.date(year, month, min(day, 28 if month == 2 else day))

    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    if direction == "past":
        return max(y for y in candidates if when(y) <= anchor)
    if direction == "future":
        return min(y for y in candidates if when(y) >= anchor)
    return min(candidates, key=lambda y: (abs((when(y) - anchor).days), y != anchor.year))


def monthday_value(anchor: dt.date | None, month: int, day: int, direction: Direction) -> str:
    """A month and day without a year ("April 16"): the year that fits the DCT and tense."""
    if anchor is None:
        return f"XXXX-{month:02d}-{day:02d}"
    return f"{_nearest_year(anchor, month, day, direction):04d}-{month:02d}-{day:02d}"


def month_value(anchor: dt.date | None, month: int, direction: Direction,
                shift_by: int | None = None) -> str:
    """A month without a year ("September", "last September", "next March")."""
    if anchor is None:
        return f"XXXX-{month:02d}"
    if shift_by is None:
        # Whole months: "Since September" in March is last September, and the
        # month of the DCT itself counts as on-or-before.
        if direction == "past":
            year = anchor.year if month <= anchor.month else anchor.year - 1
        elif direction == "future":
            year = anchor.year if month >= anchor.month else anchor.year + 1
        else:
            year = _nearest_year(anchor, month, 15, None) if month != anchor.month else anchor.year
    elif shift_by < 0:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif shift_by > 0:
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year
    return f"{year:04d}-{month:02d}"


def season_value(anchor: dt.date | None, season: str, direction: Direction,
                 shift_by: int | None = None) -> str:
    """A season ("spring", "last summer"), as TIMEX3 YYYY-SP/SU/FA/WI."""
    if anchor is None:
        return f"XXXX-{season}"
    start = _SEASON_START[season]
    # The latest occurrence that has started; winter belongs to the year it
    # starts in (TIMEX3 2024-WI is Dec 2024 – Feb 2025).
    started = anchor.year if start <= anchor.month else anchor.year - 1
    in_season = _season_of(anchor) == season
    if shift_by is not None and shift_by < 0:
        year = started - 1 if in_season else started
    elif shift_by is not None and shift_by > 0:
        year = started + 1
    elif direction == "past" and shift_by is None:
        year = started
    else:  # "this summer", a future clause, or no tense: the current or coming one
        year = started if in_season else started + 1
    return f"{year:04d}-{season}"


def _season_of(day: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU",
            8: "SU", 9: "FA", 10: "FA", 11: "FA"}[day.month]


def fy_of(day: dt.date) -> int:
    """The US federal fiscal year a date falls in (FY2025 = Oct 2024 – Sep 2025)."""
    return day.year + 1 if day.month >= 10 else day.year


def shift(day: dt.date, unit: str, n: float) -> dt.date:
    """``day`` moved by ``n`` calendar units (D, W, M, Q, Y, DE, CE)."""
    whole = int(n)
    if unit == "D":
        return day + relativedelta(days=whole)
    if unit == "W":
        return day + relativedelta(weeks=whole)
    if unit == "WE":
        return day + relativedelta(weeks=whole)
    if unit == "M":
        return day + relativedelta(months=round(n))
    if unit == "Q":
        return day + relativedelta(months=3 * whole)
    if unit == "Y":
        return day + relativedelta(years=whole, months=round((n - whole) * 12))
    if unit == "DE":
        return day + relativedelta(years=10 * whole)
    if unit == "CE":
        return day + relativedelta(years=100 * whole)
    raise ValueError(f"not a calendar unit: {unit}")


def unit_value(day: dt.date, unit: str) -> str:
    """``day`` written at the granularity of ``unit`` (the week for W, the year for Y …)."""
    if unit == "D":
        return day.isoformat()
    if unit in ("W", "WE"):
        iso = day.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if unit == "WE" else "")
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    if unit == "FY":
        return f"FY{fy_of(day)}"
    raise ValueError(f"not a calendar unit: {unit}")


_UNDERSPECIFIED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
                   "Q": "XXXX-QX", "Y": "XXXX", "DE": "XXX", "CE": "XX", "FY": "FYXXXX"}


def granular(unit: str) -> str:
    """The underspecified value at a unit's granularity (no anchor to resolve against)."""
    return _UNDERSPECIFIED[unit]


def shifted_unit_value(anchor: dt.date | None, unit: str, n: int) -> str:
    """"last month", "this week", "next year", "last fiscal year": the anchor's unit moved by n."""
    if anchor is None:
        return granular(unit)
    if unit == "FY":
        return f"FY{fy_of(anchor) + n}"
    return unit_value(shift(anchor, unit, n), unit)
