"""The vocabulary the readers and the analysis recognise, as data.

Page furniture (metadata field names, breadcrumbs, clock widgets, footers,
category words), date labels and their ranks, title words, organ suffixes,
the wording of opening sentences, the furniture of 范文 sites and the kinds of
documents that are not annual reports live in ``rules/vocabulary/*.yaml``
beside the rulebooks (shipped in the wheel as ``checker/rules/vocabulary/``),
each entry commented in Chinese so that an official can extend it.

The files are read once per process (:func:`vocabulary`).  Every key is
declared in :data:`SCHEMA` with its type; an unknown key, a key defined in two
files, a missing key, a wrong type, a duplicate entry or an unsafe regular
expression is a :class:`VocabularyError` naming the file and line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .rulebook import RulebookError, shipped_dir

if TYPE_CHECKING:
    import yaml  # imported where it is used (see rulebook.py)


class VocabularyError(RulebookError):
    """A mistake in a vocabulary file; ``str()`` is a one-line Chinese message with file and line."""


# value types
WORDS = "词语列表"  # plain strings, matched literally
PATTERNS = "正则表达式列表"  # safe regular expressions (see safe_regex.py)
RANKS = "映射（词语: 整数）"
KINDS = "文件种类列表"

#: keys of one entry of ``document_kinds`` (doctypes.yaml)
KIND_KEYS = {
    "id": "文字",
    "name": "文字",
    "title": PATTERNS,
    "title_unless": WORDS,
    "title_unless_parts": "整数",
    "headings": WORDS,
    "min_headings": "整数",
    "opening": PATTERNS,
    "body": WORDS,
    "min_body": "整数",
}

#: every key of the vocabulary: its type and what it is for
SCHEMA: dict[str, tuple[str, str]] = {
    # page.yaml
    "field_names": (WORDS, "metadata field labels of a page (索引号, 发布机构 …)"),
    "generic_field_names": (WORDS, "field labels that count only with a colon or in brackets (来源, 作者 …)"),
    "chrome_words": (WORDS, "words that make up a line of page widgets (打印, 关闭, 字号 …)"),
    "chrome_marks": (WORDS, "single marks of widget lines (| • 【 】 …)"),
    "bullets": (WORDS, "list bullets in front of metadata rows"),
    "site_name_endings": (WORDS, "how a site's name ends (门户网站, 数字报): such a line is no organ"),
    "breadcrumb_markers": (WORDS, "how a breadcrumb line starts (您当前位置 …)"),
    "breadcrumb_roots": (WORDS, "the first step of a breadcrumb (首页 …)"),
    "breadcrumb_separators": (WORDS, "the separators between breadcrumb steps (> » → …)"),
    "byline_markers": (WORDS, "what marks an article's byline besides its date (原创, 发表于)"),
    "clock_markers": (WORDS, "what a clock widget shows besides the date (星期三, 农历 …)"),
    "footer_words": (WORDS, "words of a site footer (版权所有, ICP备 …)"),
    "related_links": (WORDS, "headings of related-links lists (相关链接 …)"),
    "category_words": (WORDS, "site column names that are never a title (工作报告, 政务公开 …)"),
    "html_chrome_names": (WORDS, "class / id names of page furniture elements in HTML (nav, breadcrumb …)"),
    # dates.yaml
    "date_labels": (RANKS, "date labels and their rank: the highest-ranked date is the publication date"),
    "not_publication_labels": (WORDS, "labels of dates that are never the publication date (有效期 …)"),
    # titles.yaml
    "title_words": (WORDS, "words of a report title"),
    "report_topics": (WORDS, "what an annual report's title is about (法治, 依法行政)"),
    "title_heads": (WORDS, "what a title reports (报告, 情况, 总结)"),
    "title_starts_without_organ": (WORDS, "how a title that names no organ starts (关于 …)"),
    "title_strip": (PATTERNS, "removed from a title (范文 tails, 篇一：)"),
    "document_numbers": (PATTERNS, "forms of a 文号 (浙卫〔2024〕3号)"),
    "organ_suffixes": (WORDS, "how the name of an organ ends"),
    "party_prefixes": (WORDS, "how the name of a party organ starts (中共)"),
    "party_suffixes": (WORDS, "how the name of a party organ ends (党委, 县委 …)"),
    # subjects.yaml
    "subject_verbs": (WORDS, "how the predicate after the subject of an opening sentence starts"),
    "subject_lead_ins": (WORDS, "lead-ins before the subject of an opening sentence (根据, 按照 …)"),
    "subject_pronouns": (WORDS, "pronouns before an organ suffix (我局, 本县)"),
    "level_words": (WORDS, "administrative levels before 政府 (区政府)"),
    "placeholder_names": (WORDS, "blanks of 范文 where an organ's name belongs (××局, XX县)"),
    "bare_subjects": (WORDS, "subjects that are only a kind of organ (街道, 自治区)"),
    # fanwen.yaml
    "fanwen_phrases": (WORDS, "lines of 范文 and sharing sites that are not report text"),
    "watermarks": (PATTERNS, "site watermarks spliced into the text"),
    # doctypes.yaml
    "document_kinds": (KINDS, "kinds of documents that are not annual reports"),
    "report_openings": (PATTERNS, "openings that only an annual report has"),
}

_SCALARS = {"文字": str, "整数": int}


def vocabulary_dir() -> Path:
    """``rules/vocabulary/`` (``checker/rules/vocabulary/`` in an installed wheel)."""
    return shipped_dir() / "vocabulary"


class _Reader:
    def __init__(self, file: str):
        self.file = file

    def fail(self, node: yaml.Node, message: str):
        raise VocabularyError(self.file, node.start_mark.line + 1, message)

    def scalar(self, node: yaml.Node, kind: str, key: str):
        import yaml

        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            hint = "（含冒号“:”的词语请加引号）" if isinstance(node, yaml.MappingNode) else ""
            self.fail(node, f"“{key}”的值应为{kind}{hint}")
        if kind == "整数":
            try:
                return int(node.value)
            except ValueError:
                self.fail(node, f"“{key}”应为整数，而不是“{node.value}”")
        return str(node.value)

    def words(self, node: yaml.Node, key: str, regex: bool = False) -> tuple[str, ...]:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"“{key}”应为列表（每行一个“- 词语”）")
        out: list[str] = []
        seen: dict[str, int] = {}
        for item in node.value:
            value = self.scalar(item, "文字", key)
            if value in seen:
                self.fail(item, f"“{key}”中的“{value}”重复（第 {seen[value]} 行已有）")
            seen[value] = item.start_mark.line + 1
            if regex:
                from .safe_regex import problem

                trouble = problem(value)
                if trouble:
                    self.fail(item, f"“{key}”中的正则表达式“{value}”不可用：{trouble}")
            out.append(value)
        return tuple(out)

    def ranks(self, node: yaml.Node, key: str) -> dict[str, int]:
        import yaml

        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"“{key}”应为映射（每行一个“词语: 整数”）")
        out: dict[str, int] = {}
        for knode, vnode in node.value:
            label = self.scalar(knode, "文字", key)
            if label in out:
                self.fail(knode, f"“{key}”中的“{label}”重复")
            rank = self.scalar(vnode, "整数", label)
            if not 1 <= rank <= 9:
                self.fail(vnode, f"“{label}”的等级应为 1 到 9 的整数")
            out[label] = rank
        return out

    def kinds(self, node: yaml.Node, key: str) -> tuple[dict, ...]:
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"“{key}”应为列表，每项是一个映射")
        out, ids = [], set()
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                self.fail(item, f"“{key}”的每一项应为映射（id、name、title …）")
            entry: dict[str, Any] = {}
            for knode, vnode in item.value:
                sub = str(knode.value)
                if sub not in KIND_KEYS:
                    self.fail(knode, f"“{key}”的一项中有未知的键“{sub}”（可用：{'、'.join(KIND_KEYS)}）")
                kind = KIND_KEYS[sub]
                if kind == WORDS:
                    entry[sub] = self.words(vnode, sub)
                elif kind == PATTERNS:
                    entry[sub] = self.words(vnode, sub, regex=True)
                else:
                    entry[sub] = self.scalar(vnode, kind, sub)
            for required in ("id", "name"):
                if required not in entry:
                    self.fail(item, f"“{key}”的一项缺少“{required}”")
            if entry["id"] in ids:
                self.fail(item, f"“{key}”中的“{entry['id']}”重复定义")
            ids.add(entry["id"])
            out.append(entry)
        return tuple(out)


def read_vocabulary(folder: Optional[Path] = None) -> dict[str, Any]:
    """Every key of every ``*.yaml`` in ``folder`` (default: the shipped one), checked against :data:`SCHEMA`."""
    import yaml

    folder = folder or vocabulary_dir()
    values: dict[str, Any] = {}
    where: dict[str, str] = {}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise VocabularyError(str(folder), None, "没有找到词表文件（*.yaml）")
    for path in files:
        shown = str(path)
        reader = _Reader(shown)
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise VocabularyError(shown, mark.line + 1 if mark else None, f"YAML 语法错误：{getattr(exc, 'problem', exc)}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise VocabularyError(shown, None, f"无法读取词表（{exc}）") from None
        if root is None:
            continue
        if not isinstance(root, yaml.MappingNode):
            raise VocabularyError(shown, None, "词表的顶层必须是映射（键: 值）")
        for knode, vnode in root.value:
            key = str(knode.value)
            if key not in SCHEMA:
                from .rulebook import _closest

                hint = _closest(key, SCHEMA)
                reader.fail(knode, f"词表中有未知的键“{key}”" + (f"，是否应为“{hint}”？" if hint else ""))
            if key in values:
                reader.fail(knode, f"词表的键“{key}”已在 {where[key]} 中定义")
            kind = SCHEMA[key][0]
            if kind == WORDS:
                values[key] = reader.words(vnode, key)
            elif kind == PATTERNS:
                values[key] = reader.words(vnode, key, regex=True)
            elif kind == RANKS:
                values[key] = reader.ranks(vnode, key)
            else:
                values[key] = reader.kinds(vnode, key)
            where[key] = f"{path.name}:{knode.start_mark.line + 1}"
    missing = [k for k in SCHEMA if k not in values]
    if missing:
        raise VocabularyError(str(folder), None, f"词表缺少键：{'、'.join(missing)}")
    return values


def alternation(words, escape: bool = True) -> str:
    """``甲|乙|丙`` for a regular expression, longest first (so that 发布日期 wins over 日期)."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in items)


class Vocabulary:
    """The checked vocabulary: each key of :data:`SCHEMA` is an attribute (tuples, dicts)."""

    def __init__(self, values: dict):
        self.values = values
        for key, value in values.items():
            setattr(self, key, value)

    def words_of(self, *keys: str) -> tuple[str, ...]:
        """The words of several keys together, without repeats."""
        return tuple(dict.fromkeys(w for k in keys for w in self.values[k]))


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process and kept per user (:mod:`checker.cache`)
    for as long as its files keep their content.  Raises VocabularyError."""
    from . import cache

    folder = vocabulary_dir()
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    key = (str(folder), tuple(files))

    def fresh(known: list) -> bool:
        try:
            return [name for name, _ in known] == files and all(cache.digest(Path(name).read_bytes()) == d for name, d in known)
        except (OSError, TypeError, ValueError):
            return False

    values = cache.fetch("vocabulary", key, fresh)
    if not isinstance(values, dict):
        try:
            read = [(name, cache.digest(Path(name).read_bytes())) for name in files]
        except OSError:
            read = None
        values = read_vocabulary(folder)
        if read is not None:
            cache.store("vocabulary", key, read, values)
    return Vocabulary(values)
