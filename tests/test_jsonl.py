from __future__ import annotations

import gzip
import io

import pytest

from cleaner.errors import DocumentError
from cleaner.formats import jsonl


def lines_of(data: bytes, cap: int = 100):
    return list(jsonl.iter_lines(io.BufferedReader(io.BytesIO(data)), cap))


def test_lines_split_on_lf_only_and_keep_u2028():
    got = lines_of('{"text": "a\u2028b"}\n{"text": "c"}'.encode())
    assert [(r.line, r.data) for r in got] == [(1, '{"text": "a\u2028b"}'.encode()), (2, b'{"text": "c"}')]


def test_oversized_line_is_drained_and_reported_with_its_line_number():
    got = lines_of(b'{"text": "ok"}\n' + b"x" * 500 + b"\n" + b'{"text": "after"}\n', cap=100)
    assert got[0].data == b'{"text": "ok"}'
    assert got[1].line == 2 and got[1].data is None and "over 100 bytes" in got[1].error
    assert got[2].data == b'{"text": "after"}'


def test_truncated_gzip_ends_with_one_error_after_the_last_good_line():
    blob = gzip.compress(b"".join(b'{"text": "record %d"}\n' % i for i in range(2000)), mtime=0)
    stream = jsonl.open_stream(io.BufferedReader(io.BytesIO(blob[: len(blob) // 2])), gz=True)
    got = list(jsonl.iter_lines(stream, 1000))
    assert got[-1].data is None and "truncated or corrupt" in got[-1].error
    assert all(r.data is not None for r in got[:-1]) and len(got) > 10


def test_gz_name_without_gzip_data_is_refused():
    with pytest.raises(DocumentError, match="not gzip data"):
        jsonl.open_stream(io.BufferedReader(io.BytesIO(b'{"text": "x"}\n')), gz=True)


@pytest.mark.parametrize("line, message", [
    (b"[1, 2]", "a JSON list, not an object"),
    (b"null", "a JSON null, not an object"),
    (b'{"title": "t", "body": "b"}', "no 'text' field; the record has keys: body, title"),
    (b'{"text": 5}', "the 'text' field is int, not a string"),
    (b'{"text": "a", "n": NaN}', "NaN is not valid JSON"),
    (b'{"text": "\xff"}', "not valid UTF-8"),
    (b"[" * 100000 + b"]" * 100000, "nested too deeply"),
])
def test_bad_records_say_what_is_wrong(line, message):
    with pytest.raises(DocumentError, match=message.replace("(", r"\(")):
        jsonl.parse_record(line, "text", first=False)


def test_bom_on_first_line_is_accepted():
    _obj, text = jsonl.parse_record(b'\xef\xbb\xbf{"text": "hi"}', "text", first=True)
    assert text == "hi"


def test_dump_keeps_other_fields_and_non_ascii():
    assert jsonl.dump_record({"id": 3, "text": "café"}) == '{"id": 3, "text": "café"}\n'.encode()
