"""Bytes to text: refuse binary data, try UTF-8, then a detected encoding that passes a check."""

from __future__ import annotations

import codecs
import re

from presswatch.errors import InputError
from presswatch.ingest import codes

__all__ = ["check_not_binary", "decode", "detect"]

#: Bytes looked at to decide whether a file is binary: a header is enough for that.
_SNIFF_BYTES = 8192
#: Share of control characters above which decoded "text" is really binary.  Real text,
#: even badly encoded, has almost none (tabs and newlines do not count).
_MAX_CONTROL_SHARE = 0.05
#: Highest charset-normalizer "chaos" (mess) ratio accepted for a detected encoding: above
#: it the decoded text is mojibake (letters from the wrong script mixed at random).
_MAX_CHAOS = 0.2

#: Encodings preferred when detection ties (see detect()).
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


#: C0 and C1 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def check_not_binary(data: bytes) -> None:
    """Raise when the bytes are clearly not text (a NUL byte without a UTF-16/32 BOM)."""
    head = data[:_SNIFF_BYTES]
    if _bom_encoding(head) in ("utf-16", "utf-32"):
        return
    if b"\x00" in head:
        raise InputError(
            "this is a binary file, not text; export it as .txt, .md or .html", code=codes.BINARY
        )


def decode(data: bytes) -> str:
    """Decode text bytes or raise InputError (binary or undecodable)."""
    check_not_binary(data)
    enc = _bom_encoding(data)
    text: str | None = None
    if enc is not None:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, _ = detect(data)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(
            "this is a binary file (mostly control characters), not text; "
            "export it as .txt, .md or .html",
            code=codes.BINARY,
        )
    return text


def detect(data: bytes) -> tuple[str, str]:
    """Text and encoding name as charset-normalizer detects them, or raise UNDECODABLE."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is not None:
        # Legacy single-byte encodings often fit the same bytes equally well (cp1250 reads
        # "Señor" as "Seńor" with no more "chaos" than cp1252).  On a tie, prefer Windows-1252,
        # by far the most common legacy encoding of Western news text.
        for m in matches:
            if m.encoding in _PREFERRED and m.chaos <= best.chaos and m.coherence >= best.coherence:
                best = m
                break
    if best is not None and best.chaos <= _MAX_CHAOS:
        text = str(best)
        # Sanity check: a detected single-byte encoding "decodes" anything; keep it only
        # when the result is mostly letters, digits, spaces and punctuation.
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
        if text and printable / len(text) >= 1 - _MAX_CONTROL_SHARE:
            return text, str(best.encoding)
    raise InputError(
        "the text is not UTF-8 and its encoding cannot be identified; re-save the file as UTF-8",
        code=codes.UNDECODABLE,
    )
