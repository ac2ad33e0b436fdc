import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clbtool.workbook import values as V

dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31))


@given(dates, st.sampled_from(["/", "-", "."]))
def test_day_first_text_dates_read_back(day, sep):
    text = f"{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"
    assert V.parse_date(text) == day
    assert V.parse_date(f"{day.day}{sep}{day.month}{sep}{day.year}") == day  # without zero padding


@given(dates)
def test_excel_serials_and_date_cells(day):
    serial = (day - dt.date(1899, 12, 30)).days
    assert V.parse_date(serial) == day
    assert V.parse_date(float(serial)) == day
    assert V.parse_date(dt.datetime(day.year, day.month, day.day, 8, 30)) == day


def test_dates_are_day_first_never_month_first():
    assert V.parse_date("05/01/2020") == dt.date(2020, 1, 5)
    assert V.parse_date("ngày 15 tháng 12 năm 2020") == dt.date(2020, 12, 15)
    with pytest.raises(ValueError):
        V.parse_date("31/02/2020")
    with pytest.raises(ValueError):
        V.parse_date("12/31/2020")
    with pytest.raises(ValueError):
        V.parse_date("hôm qua")


@given(st.integers(min_value=0, max_value=10**12))
def test_amounts_with_vietnamese_and_english_grouping(n):
    assert V.parse_amount(n) == n
    assert V.parse_amount(f"{n:,}".replace(",", ".")) == n
    assert V.parse_amount(f"{n:,}") == n
    assert V.parse_amount(f"{n:,} đ".replace(",", ".")) == n
    assert V.parse_amount(f"{n} đồng") == n


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9))
def test_amounts_in_millions(whole, tenth):
    expected = whole * 1_000_000 + tenth * 100_000
    assert V.parse_amount(f"{whole},{tenth} triệu") == expected
    assert V.parse_amount(f"{whole}.{tenth}tr") == expected
    assert V.parse_amount(f"{whole} triệu") == whole * 1_000_000


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("3.000.000", 3_000_000),
        ("3,000,000 đ", 3_000_000),
        ("3tr", 3_000_000),
        ("3 triệu", 3_000_000),
        ("1,5 triệu", 1_500_000),
        ("500k", 500_000),
        ("2.000.000 VNĐ", 2_000_000),
        ("3.000.000,00", 3_000_000),
    ],
)
def test_amounts_listed_in_the_contract(text, amount):
    assert V.parse_amount(text) == amount


@pytest.mark.parametrize("text", ["1,5", "2.5", "ba triệu", "3 xe", "", "1.00.0"])
def test_ambiguous_or_unreadable_amounts_are_refused(text):
    if text == "":
        assert V.parse_amount(text) is None
    else:
        with pytest.raises(ValueError):
            V.parse_amount(text)


@pytest.mark.parametrize(
    "mark", ["x", "X", "✓", "✔", "√", " √ ", "☑", "+", "có", "Có", "1", 1, True, "TRUE"]
)
def test_yes_marks(mark):
    assert V.parse_mark(mark) is True


@pytest.mark.parametrize("mark", [None, "", "0", 0, "không", "-", "FALSE", False])
def test_no_marks(mark):
    assert V.parse_mark(mark) is False


@pytest.mark.parametrize("mark", ["y kiến", "2", 2, "xx"])
def test_other_marks_are_errors(mark):
    with pytest.raises(ValueError):
        V.parse_mark(mark)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nữ", "F"),
        ("nữ", "F"),
        ("NỮ", "F"),
        ("nu", "F"),
        ("F", "F"),
        ("Nam", "M"),
        ("nam", "M"),
        ("M", "M"),
    ],
)
def test_gender(text, code):
    assert V.parse_gender(text) == code


@given(st.integers(min_value=1900, max_value=2100))
def test_birth_years_as_numbers_and_text(year):
    assert V.parse_birth(year) == (year, None)
    assert V.parse_birth(float(year)) == (year, None)
    assert V.parse_birth(str(year)) == (year, None)


def test_birth_dates_keep_the_day():
    assert V.parse_birth("12/05/1950") == (1950, dt.date(1950, 5, 12))
    assert V.parse_birth(dt.date(1950, 5, 12)) == (1950, dt.date(1950, 5, 12))


@given(
    st.one_of(
        st.text(max_size=30),
        st.integers(),
        st.floats(allow_nan=True),
        st.booleans(),
        st.none(),
        dates,
    )
)
def test_parsers_only_raise_value_error(value):
    for parser in (
        V.parse_date,
        V.parse_birth,
        V.parse_amount,
        V.parse_mark,
        V.parse_gender,
        V.parse_int,
    ):
        with contextlib.suppress(ValueError):
            parser(value)


@pytest.mark.parametrize(
    "text, year",
    [
        ("1.948", 1948),
        ("1952.", 1952),
        (" 1950", 1950),
        ("1 948", 1948),
        ("1950,", 1950),
        (1.948, 1948),
    ],
)
def test_years_with_a_stray_dot_space_or_full_stop(text, year):
    assert V.parse_birth(text) == (year, None)


@pytest.mark.parametrize("text", ["19.48", "19.4.8", "195", "1,95"])
def test_years_that_stay_unreadable(text):
    with pytest.raises(ValueError):
        V.parse_birth(text)


@pytest.mark.parametrize("text", ["-", "--", "–", "không", "Không", " - "])
def test_zero_written_as_offices_write_it(text):
    assert V.parse_amount(text) == 0
    assert V.parse_int(text) == 0


def test_a_bare_number_is_a_date_only_inside_the_window():
    import datetime as dt

    window = dict(earliest=dt.date(2019, 1, 1), latest=dt.date(2021, 12, 31))
    assert V.parse_date(43845, **window) == dt.date(2020, 1, 15)
    for serial in (1, 2, 60, 30000):
        with pytest.raises(ValueError):
            V.parse_date(serial, **window)
