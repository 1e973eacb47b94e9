"""Dates as Korean news files write them: 2015-01-02, 2015.01.02, 2015/1/2, 20150102, 2015년 1월 2일.

A time of day after the date (``2015-01-02 09:30``, ``2015.01.02. 오전 9:30``) is
ignored, and so is a weekday in brackets (``2015.01.02(금)``).  RFC 822 dates
(the Naver API's ``pubDate``) are parsed by `parse_rfc822_date`, keeping the
publisher's own calendar day (+0900), not the UTC one.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_SEPARATED = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?:\s*\.)?(?=$|[\sT(])")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?=$|[\sT(]|\d{4,6}$)")
_KOREAN = re.compile(r"^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_ISO_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T")


class DateParseError(ValueError):
    """A value that is not one of the date forms above."""


def parse_korean_date(value: object) -> dt.date:
    """A calendar date from one of the accepted forms; raises `DateParseError` naming what was expected."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise DateParseError(f"expected a date such as 2015-01-02, 2015.01.02, 20150102 or 2015년 1월 2일, got {value!r}")
    text = value.strip()
    # BigKinds' 20150102: only _COMPACT can match eight ASCII digits, so it is tried alone (a fifth of reading an export)
    patterns = (_COMPACT,) if len(text) == 8 and text.isascii() and text.isdigit() else (_KOREAN, _SEPARATED, _ISO_TIME, _COMPACT)
    for pattern in patterns:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise DateParseError(f"{value!r} is not a calendar date") from None
    raise DateParseError(f"expected a date such as 2015-01-02, 2015.01.02, 20150102 or 2015년 1월 2일, got {value!r}")


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system, counted so that its fictitious 1900-02-29 drops out
_SERIAL_RANGE = (25_569, 73_050)  # 1970-01-01 … 2099-12-31: news dates; YYYYMMDD numbers (8 digits) never fall in it


def excel_serial_date(text: str) -> dt.date | None:
    """The date an Excel day number stands for (``42006`` → 2015-01-02), or None for anything else.

    A workbook re-saved in Excel with its date column formatted as "General" stores day numbers;
    only a whole number of five digits in the range of news dates is taken as one.
    """
    text = text.strip()
    if not (text.isdigit() and len(text) == 5 and _SERIAL_RANGE[0] <= int(text) <= _SERIAL_RANGE[1]):
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(text))


def parse_rfc822_date(value: str) -> dt.date:
    """The calendar date of an RFC 822 timestamp in its own time zone (``Mon, 26 Sep 2016 07:50:00 +0900``)."""
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        raise DateParseError(f"expected an RFC 822 date such as 'Mon, 26 Sep 2016 07:50:00 +0900', got {value!r}") from None


def date_in_name(name: str) -> dt.date | None:
    """The first date written in a file name (``20150102_기사.txt``, ``2015-01-02 기사.txt``), if any."""
    for match in re.finditer(r"(?<!\d)(\d{4}[-._]?\d{2}[-._]?\d{2})(?!\d)", name):
        try:
            return parse_korean_date(re.sub(r"[-._]", "", match.group(1)))
        except DateParseError:
            continue
    return None


_RANGE = re.compile(r"(?<!\d)(\d{8})\s*[-~_]\s*(\d{8})(?!\d)")


def date_range_in_name(name: str) -> tuple[dt.date, dt.date] | None:
    """The period of a BigKinds export named like ``NewsResult_20150101-20151231.xlsx``, if the name has one."""
    match = _RANGE.search(name)
    if not match:
        return None
    try:
        start, end = parse_korean_date(match.group(1)), parse_korean_date(match.group(2))
    except DateParseError:
        return None
    return (start, end) if start <= end else None
