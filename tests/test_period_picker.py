"""The period picker offers the quarters of the years a page shows, whatever year a request
names: a year at the calendar's end or far from the plans' gives no error and no long list."""

from __future__ import annotations

import datetime as dt

from graph_api.blueprints.duties import PICKER_YEARS, quarters


def _years(periods: list) -> list[int]:
    return sorted({p.start.year for p in periods})


def test_plans_years_in_a_row_with_the_next() -> None:
    this = dt.date.today().year
    assert _years(quarters(None, {this - 2})) == list(range(this - 2, this + 2))  # type: ignore[arg-type]


def test_a_far_year_is_offered_alone_and_the_last_year_of_the_calendar_is_no_error() -> None:
    this = dt.date.today().year
    got = _years(quarters(None, {9999, this}))  # type: ignore[arg-type]
    assert got == [this, this + 1]  # 9999's next year is past the calendar: 9999 is dropped
    got = _years(quarters(None, {1, 3000, this}))  # type: ignore[arg-type]
    assert got == sorted({1, 2, 3000, 3001, this, this + 1})
    assert len(got) <= 2 * 3 <= PICKER_YEARS
