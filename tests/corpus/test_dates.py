import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trendscope.corpus.dates import DateParseError, date_in_name, date_range_in_name, parse_korean_date, parse_rfc822_date

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))


@given(dates)
def test_every_korean_form_gives_the_same_date(day):
    forms = [
        day.isoformat(),
        f"{day:%Y.%m.%d}",
        f"{day.year}.{day.month}.{day.day}.",
        f"{day:%Y/%m/%d}",
        f"{day:%Y%m%d}",
        f"{day.year}년 {day.month}월 {day.day}일",
        f"{day.year}년{day.month}월{day.day}일",
        f"{day:%Y-%m-%d} 09:30:00",
        f"{day:%Y.%m.%d}(금) 오전 9:30",
        f"{day:%Y-%m-%d}T09:30:00+09:00",
        f"  {day:%Y%m%d}  ",
    ]
    for form in forms:
        assert parse_korean_date(form) == day, form


@given(st.text(alphabet="0123456789-./년월일 abc", max_size=14))
def test_anything_else_is_a_date_or_a_clear_error(text):
    try:
        parsed = parse_korean_date(text)
    except DateParseError as exc:
        assert "expected a date" in str(exc) or "not a calendar date" in str(exc)
    else:
        assert isinstance(parsed, dt.date)


@pytest.mark.parametrize("bad", ["2015-13-01", "20150230", "2015년 2월 30일", "", "어제", "15.01.02", None, 3.5])
def test_impossible_or_unknown_dates_are_errors(bad):
    with pytest.raises(DateParseError):
        parse_korean_date(bad)


def test_rfc822_keeps_the_korean_calendar_day():
    # 00:30 in Seoul is still the previous day in UTC; the article's own day is kept
    assert parse_rfc822_date("Fri, 02 Jan 2015 00:30:00 +0900") == dt.date(2015, 1, 2)
    with pytest.raises(DateParseError, match="RFC 822"):
        parse_rfc822_date("yesterday")


def test_dates_in_file_names():
    assert date_in_name("20150102_스마트시티.txt") == dt.date(2015, 1, 2)
    assert date_in_name("2015-01-02 기사.txt") == dt.date(2015, 1, 2)
    assert date_in_name("기사.txt") is None
    assert date_range_in_name("NewsResult_20150101-20151231.xlsx") == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert date_range_in_name("NewsResult_20151231-20150101.xlsx") is None


@given(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_an_excel_day_number_reads_as_the_date_excel_shows(date):
    from trendscope.corpus.dates import excel_serial_date

    serial = (date - dt.date(1899, 12, 30)).days  # what Excel stores for `date` (1900 system)
    assert excel_serial_date(str(serial)) == date
    assert excel_serial_date(date.strftime("%Y%m%d")) is None  # a YYYYMMDD number is never a day number


def test_only_five_digit_day_numbers_of_news_dates_are_taken():
    from trendscope.corpus.dates import excel_serial_date

    assert excel_serial_date("42006") == dt.date(2015, 1, 2)
    assert [excel_serial_date(v) for v in ["", "4200", "42006.5", "-42006", "25568", "73051", "99999", "2015"]] == [None] * 8
