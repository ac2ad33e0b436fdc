"""The JSON writer: the same document json.dumps gives, laid out for reading."""

import json

from hypothesis import given
from hypothesis import strategies as st

from clbtool.output.jsonout import dumps

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(values)
def test_same_document_as_json_dumps(value):
    assert json.loads(dumps(value)) == value


def test_outer_levels_indented_deeper_levels_on_one_line():
    doc = {"units": [{"name": "Đức Phổ", "clubs": [{"code": "A", "metrics": {"members": 60}}]}]}
    lines = dumps(doc).splitlines()
    assert lines[0] == "{" and lines[1] == '  "units": ['
    assert '        {"code": "A", "metrics": {"members": 60}}' in lines
    assert "Đức Phổ" in dumps(doc)  # Vietnamese stays readable, not \\u escapes


def test_values_json_cannot_encode_become_text():
    import datetime as dt

    assert json.loads(dumps({"d": dt.date(2020, 12, 31)})) == {"d": "2020-12-31"}
