"""Decoding page bytes: BOM, HTTP charset, <meta charset>, XML declaration, sniffing, junk."""

from __future__ import annotations

import codecs
from datetime import UTC, datetime

import pytest

from storyline.extract.decode import (
    declared_in_markup,
    decode_bytes,
    decode_page,
    normalize_encoding,
    repair_double_utf8,
)
from storyline.models import FetchedPage

JA = (
    "外務省は経済安全保障を重視する組織改編を発表した。東京の記者会見で、"
    "担当者はサプライチェーンの強靱化に取り組むと述べた。"
)
ZH_HANS = "外交部发言人表示，双方将加强经济合作与安全对话，并就地区局势交换意见。"
ZH_HANT = "外交部發言人表示，雙方將加強經濟合作與安全對話，並就地區局勢交換意見。"


def page_html(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


def fetched(content: bytes, encoding: str | None = None) -> FetchedPage:
    return FetchedPage(
        source="p.html", content=content, fetched_at=datetime(2025, 7, 30, tzinfo=UTC), encoding=encoding
    )


@pytest.mark.parametrize("codec", ["shift_jis", "euc_jp", "iso2022_jp", "utf-8"])
@pytest.mark.parametrize("with_meta", [True, False])
def test_japanese_pages_decode_with_and_without_meta_charset(codec, with_meta):
    head = f'<meta charset="{codec.replace("_", "-")}">' if with_meta else ""
    text, encoding = decode_page(fetched(page_html(JA, head).encode(codec)))
    assert JA in text
    assert "\ufffd" not in text
    assert encoding


def test_http_charset_is_used_for_shift_jis():
    text, encoding = decode_page(fetched(page_html(JA).encode("cp932"), encoding="Shift_JIS"))
    assert JA in text and encoding == "cp932"


@pytest.mark.parametrize("codec,sample", [("gb18030", ZH_HANS), ("big5", ZH_HANT)])
def test_chinese_pages_decode(codec, sample):
    text, _ = decode_bytes(
        page_html(sample, f'<meta http-equiv="Content-Type" content="text/html; charset={codec}">').encode(
            codec
        )
    )
    assert sample in text
    text, _ = decode_bytes(page_html(sample).encode(codec))  # sniffed
    assert sample in text


def test_windows_1252_is_preferred_for_short_western_text():
    text, encoding = decode_bytes("<p>Café résumé naïve — “quotes”</p>".encode("cp1252"))
    assert text == "<p>Café résumé naïve — “quotes”</p>" and encoding == "cp1252"


def test_valid_utf8_wins_over_a_wrong_latin1_http_charset():
    text, encoding = decode_page(fetched("<p>Zürich – Genève</p>".encode(), encoding="ISO-8859-1"))
    assert text == "<p>Zürich – Genève</p>" and encoding == "utf-8"


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_byte_order_mark_wins(bom, codec):
    text, encoding = decode_bytes(bom + page_html(JA).encode(codec), declared="shift_jis")
    assert JA in text and encoding == codec


def test_xml_declaration_is_read():
    data = f'<?xml version="1.0" encoding="EUC-JP"?><html><body><p>{JA}</p></body></html>'.encode("euc_jp")
    assert declared_in_markup(data) == normalize_encoding("euc-jp")
    assert JA in decode_bytes(data)[0]


def test_a_few_bad_bytes_are_replaced_not_raised():
    data = page_html(JA).encode("utf-8")
    data = data[:60] + b"\xff\xfe" + data[60:]
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8" and "\ufffd" in text and JA[-20:] in text


def test_declared_encoding_that_does_not_fit_is_doubted():
    text, _ = decode_bytes(page_html(JA, '<meta charset="utf-8">').encode("shift_jis"))
    assert JA in text


def test_binary_junk_raises_unicode_error():
    junk = bytes(range(32)) * 200
    with pytest.raises(UnicodeError):
        decode_bytes(junk)


def test_labels_map_to_browser_supersets():
    assert normalize_encoding("Shift_JIS") == "cp932"
    assert normalize_encoding("gb2312") == "gb18030"
    assert normalize_encoding("no-such-charset") is None


def _twice(text: str, codec: str = "latin-1") -> str:
    """``text`` UTF-8 encoded, read back as ``codec``: what a page that was encoded twice shows (bytes
    windows-1252 leaves undefined read as Latin-1, as browsers do)."""
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_twice_encoded_utf8_pages_are_repaired(codec):
    text = "The Earth’s climate — “warmest” decade; café, 50\xa0km, naïve 😀 end."
    page = page_html(_twice(text, codec)).encode("utf-8")  # the page's own bytes hold the mojibake
    decoded, enc = decode_bytes(page)
    assert enc == "utf-8"
    assert text in decoded
    assert "â" not in decoded and "Ã" not in decoded


def test_meant_accents_and_a_lone_pair_are_left_alone():
    meant = "Fuß“ und Gruß“, CAFÉ’S, Ça va, à la, São Paulo, ½ cup, 5° C"
    assert repair_double_utf8(meant) == meant
    one = "Only one stray pair: donâ€™t, the rest is fine."  # a single run is no evidence
    assert repair_double_utf8(one) == one
    assert repair_double_utf8(one + " " + _twice("“again”")) == "Only one stray pair: don’t, the rest is fine. “again”"
