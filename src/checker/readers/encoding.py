"""Decoding the bytes of a text or HTML report.

Chinese reports come in UTF-8 (with or without BOM), UTF-16 (Notepad's
"Unicode"), the national encodings GB2312/GBK/GB18030 and, for traditional
text, Big5.  The order of attempts:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without BOM when the bytes are full of NULs;
3. strict UTF-8 (GBK text is practically never valid UTF-8);
4. the charset an HTML page declares (GB2312/GBK are read as GB18030, their superset);
5. strict GB18030 and strict Big5 (cp950, then Big5-HKSCS); when both decode,
   the one whose text has more of the most frequent Chinese characters wins
   (a Big5 file read as GB18030 yields rare characters, and vice versa);
6. UTF-8 with a few broken bytes (a stray byte, a copy cut in the middle of a
   character): at most 1% of the characters and 100 places;
7. charset-normalizer, only when all of the above failed (imported lazily);
8. GB18030 or Big5 with a few broken bytes.

A decoding that does not look like Chinese text is refused with a
:class:`ReadError`, never returned as garbage.  Bytes that were replaced
(U+FFFD) are reported by :func:`decode_report` with their lines, so that the
reader can keep them on the Document and a check can warn about them.
"""

from __future__ import annotations

import bisect
import codecs
import re
from typing import NamedTuple, Optional

from ..model import ReadError

#: the 500 most frequent Chinese characters (simplified) and their traditional forms
COMMON_CHARS = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
    "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
    "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
    "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支"
    "般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞這爲個國時來們於對會發動過說產種後學經進電裏現實兩體機當點從業應開還義間樣與關線"
    "內數麼質氣變條沒結問無軍並題黨員總設長頭資邊級圖統較將組見計別論運農幾區強決幹戰則據處隊給門規熱領東導壓爭濟階術極聯認權"
    "證採轉單風帶場車務萬達積議聲報鬥類離華確張馬節話況溫傳許羣廣記觀織裝衆書覆兒須際驗連斷難礦備辦習響約勞團歷構稱準號維劃選"
    "標寫親養層卻專狀廠識適屬圓調滿縣參紅細聽該鐵價嚴龍飛為復眾裡"

)

_HANZI = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # compiled when a text is not plain UTF-8 (a CJK class costs ~2 ms to compile)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

#: charset labels that mean "read as this superset"
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb_2312-80": "gb18030",
    "gb_2312": "gb18030",
    "euc-cn": "gb18030",
    "euccn": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "gb18030": "gb18030",
    "big5": "cp950",
    "big-5": "cp950",
    "x-x-big5": "cp950",
    "cn-big5": "cp950",
    "csbig5": "cp950",
    "cp950": "cp950",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-16",
}

_BIG5_CODECS = ("cp950", "big5hkscs")

#: below this share of frequent characters a non-UTF decoding is taken as garbage
MIN_COMMON_SHARE = 0.25
#: a decoding is only judged by its character frequencies above this many hanzi
MIN_HANZI_TO_JUDGE = 30


def hanzi_count(text: str) -> int:
    return len(re.findall(_HANZI, text))


def common_share(text: str) -> tuple[float, int]:
    """Share of the Chinese characters in ``text`` that are among the most frequent ones."""
    hanzi = re.findall(_HANZI, text)
    if not hanzi:
        return 0.0, 0
    common = sum(1 for ch in hanzi if ch in COMMON_CHARS)
    return common / len(hanzi), len(hanzi)


def normalize_charset(label: Optional[str]) -> Optional[str]:
    """Map a declared charset label to the codec we decode with, or None if unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _strict(data: bytes, codec: str) -> Optional[str]:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


#: "a few" broken bytes: at most this many places, and this share of the characters (at least FEW_BAD_MIN)
FEW_BAD_MAX = 100
FEW_BAD_SHARE = 0.01
FEW_BAD_MIN = 3

#: undecodable bytes are first decoded to this lone surrogate (no valid decoding yields one), then runs of it to U+FFFD
_MARK = "\udc80"
_ESCAPED = re.compile(_MARK + "+")
codecs.register_error("checker-mark", lambda exc: (_MARK, exc.end))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Decoded(NamedTuple):
    text: str
    codec: str
    #: (line number, places replaced on it) for every line where bytes could not be decoded
    replaced: tuple[tuple[int, int], ...] = ()


def _lenient(data: bytes, codec: str) -> Optional[Decoded]:
    """Decode replacing bad bytes (each run by one U+FFFD), but only if there are few of them."""
    try:
        escaped = data.decode(codec, errors="checker-mark")
    except (LookupError, UnicodeDecodeError):
        return None
    runs = [m.start() for m in _ESCAPED.finditer(escaped)]
    if len(runs) > FEW_BAD_MAX or len(runs) > max(FEW_BAD_MIN, len(escaped) * FEW_BAD_SHARE):
        return None
    starts = [m.end() for m in _LINE_BREAK.finditer(escaped)]
    per_line: dict[int, int] = {}
    for at in runs:
        line = bisect.bisect_right(starts, at) + 1
        per_line[line] = per_line.get(line, 0) + 1
    text = _ESCAPED.sub("\ufffd", escaped)
    return Decoded(text, codec, tuple(sorted(per_line.items())))


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_CONTROL.findall(text))
    return controls > max(2, len(text) // 100)


def _plausible(text: str) -> bool:
    """True unless ``text`` is clearly not a Chinese text (binary, or garbage hanzi)."""
    if _looks_binary(text):
        return False
    share, n = common_share(text)
    if n >= MIN_HANZI_TO_JUDGE and share < MIN_COMMON_SHARE:
        return False
    return True


def _bom(data: bytes) -> Optional[tuple[str, str]]:
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32", "utf-32"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
    return None


def _utf16_without_bom(data: bytes) -> Optional[tuple[str, str]]:
    """UTF-16 saved without a byte order mark: try both byte orders."""
    if len(data) < 4 or len(data) % 2:
        return None
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is None or _looks_binary(text):
            continue
        share, n = common_share(text)
        if n and share >= MIN_COMMON_SHARE and (best is None or share > best[0]):
            best = (share, text, codec)
    return None if best is None else (best[1], best[2])


def _chinese_candidates(data: bytes) -> Optional[tuple[str, str]]:
    """Strict GB18030 vs strict Big5, arbitrated by character frequency."""
    candidates = []
    gb = _strict(data, "gb18030")
    if gb is not None:
        candidates.append((gb, "gb18030"))
    for codec in _BIG5_CODECS:
        big5 = _strict(data, codec)
        if big5 is not None:
            candidates.append((big5, "big5" if codec == "cp950" else codec))
            break
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    (gb_text, gb_name), (b5_text, b5_name) = candidates
    gb_share, gb_n = common_share(gb_text)
    b5_share, b5_n = common_share(b5_text)
    # GB18030 is the national standard and by far the more common: Big5 has to
    # win clearly.  With no hanzi at all both are the same ASCII text.
    if b5_n and b5_share > gb_share + 0.15:
        return b5_text, b5_name
    return gb_text, gb_name


def _charset_normalizer(data: bytes) -> Optional[tuple[str, str]]:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - it is a declared dependency
        return None
    try:
        best = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector failure just means "unknown"
        return None
    if best is None or not best.encoding:
        return None
    try:
        text = str(best)
    except Exception:  # noqa: BLE001
        return None
    return text, best.encoding


def decode_bytes(data: bytes, shown: str, declared: Optional[str] = None) -> tuple[str, str]:
    """Decode ``data``; return (text, codec name).  ``declared`` is an HTML charset label.

    Raises :class:`ReadError` when no decoding gives a plausible text.
    """
    found = decode_report(data, shown, declared)
    return found.text, found.codec


def decode_report(data: bytes, shown: str, declared: Optional[str] = None) -> Decoded:
    """:func:`decode_bytes`, with the lines where bytes were replaced."""
    bom = _bom(data)
    if bom is not None:
        label, codec = bom
        text = _strict(data, label)
        found = Decoded(text, codec) if text is not None else _lenient(data, label)
        if found is None or _looks_binary(found.text):
            raise ReadError(f"{shown}: 文件开头标明是 {codec.upper()} 编码，但内容无法按此编码解码（文件可能已损坏）")
        return Decoded(found.text.lstrip("\ufeff"), codec, found.replaced)
    return Decoded(*_decode_unmarked(data, shown, declared))


def _decode_unmarked(data: bytes, shown: str, declared: Optional[str]) -> tuple:
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
        raise ReadError(f"{shown}: 文件含有二进制内容，不是文本文件")

    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"

    codec = normalize_charset(declared)
    if codec and codec not in ("utf-8", "utf-8-sig"):
        text = _strict(data, codec)
        if text is not None and hanzi_count(text) and _plausible(text):
            return text, codec

    found = _chinese_candidates(data)
    if found is not None and _plausible(found[0]):
        return found

    # UTF-8 with a few broken bytes (e.g. a stray byte, a copy cut in the middle of a character)
    lenient = _lenient(data, "utf-8")
    if lenient is not None and hanzi_count(lenient.text) >= 10:
        return lenient

    guess = _charset_normalizer(data)
    if guess is not None and hanzi_count(guess[0]) and _plausible(guess[0]):
        return guess

    # a national-encoding file with a few damaged bytes
    for codec in ("gb18030", "cp950"):
        lenient = _lenient(data, codec)
        if lenient is not None and hanzi_count(lenient.text) >= MIN_HANZI_TO_JUDGE and _plausible(lenient.text):
            return lenient._replace(codec="gb18030" if codec == "gb18030" else "big5")

    raise ReadError(f"{shown}: 无法识别文件编码（试过 UTF-8、UTF-16、GB18030/GBK、Big5），请另存为 UTF-8 文本")
