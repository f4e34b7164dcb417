"""The vocabulary (rules/vocabulary/*.yaml): data an official extends, checked with file and line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from checker.furniture import Furniture
from checker.vocabulary import SCHEMA, Vocabulary, VocabularyError, read_vocabulary, vocabulary, vocabulary_dir

from conftest import REPO

SHIPPED = REPO / "rules" / "vocabulary"


def test_shipped_vocabulary_has_every_key_once():
    values = read_vocabulary(SHIPPED)
    assert set(values) == set(SCHEMA)
    # the vocabulary in use is the repository's (a source checkout) or the same files installed with the package
    used = {p.name: p.read_bytes() for p in vocabulary_dir().glob("*.yaml")}
    assert used == {p.name: p.read_bytes() for p in SHIPPED.glob("*.yaml")}
    assert vocabulary().date_labels["发布日期"] > vocabulary().date_labels["成文日期"]


def test_every_key_and_entry_is_explained_in_chinese():
    """Each key has a Chinese comment above it; each list of words has entries commented or a group comment."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for path in sorted(SHIPPED.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if re.match(r"^[a-z_]+:", line):
                above = lines[i - 1] if i else ""
                assert above.startswith("#") and cjk.search(above), f"{path.name}:{i + 1}: {line} has no Chinese comment"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "vocabulary"
    shutil.copytree(SHIPPED, folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_unknown_key_is_reported_with_file_line_and_hint(tmp_path):
    folder = _copy(tmp_path)
    path = _edit(folder, "page.yaml", "breadcrumb_roots:", "breadcrumb_root:")
    with pytest.raises(VocabularyError) as err:
        read_vocabulary(folder)
    assert str(err.value).startswith(f"{path}:{_line_of(path, 'breadcrumb_root:')}:")
    assert "breadcrumb_root" in str(err.value) and "breadcrumb_roots" in str(err.value)


def test_key_defined_in_two_files_missing_key_duplicate_entry(tmp_path):
    folder = _copy(tmp_path)
    (folder / "extra.yaml").write_text("# 重复\nbullets:\n  - \"•\"\n", encoding="utf-8")
    with pytest.raises(VocabularyError, match="“bullets”已在 extra.yaml:2 中定义"):
        read_vocabulary(folder)
    (folder / "extra.yaml").unlink()
    (folder / "fanwen.yaml").unlink()
    with pytest.raises(VocabularyError, match="缺少键.*fanwen_phrases"):
        read_vocabulary(folder)
    folder = _copy(tmp_path / "again")
    path = _edit(folder, "page.yaml", "  - 网站地图\n", "  - 网站地图\n  - 网站地图\n")
    with pytest.raises(VocabularyError) as err:
        read_vocabulary(folder)
    assert err.value.line == _line_of(path, "网站地图") + 1 and "重复" in str(err.value)


def test_unsafe_regex_and_wrong_types_are_refused(tmp_path):
    folder = _copy(tmp_path)
    path = _edit(folder, "titles.yaml", "title_strip:\n", 'title_strip:\n  - "(范文.*)+"\n')
    with pytest.raises(VocabularyError) as err:
        read_vocabulary(folder)
    assert err.value.file == str(path) and "不可用" in str(err.value)
    folder = _copy(tmp_path / "ranks")
    _edit(folder, "dates.yaml", "  发布日期: 4", "  发布日期: 最高")
    with pytest.raises(VocabularyError, match="整数"):
        read_vocabulary(folder)
    folder = _copy(tmp_path / "colon")
    _edit(folder, "page.yaml", '  - "主办:"', "  - 主办:")
    with pytest.raises(VocabularyError, match="加引号"):
        read_vocabulary(folder)


def test_a_word_added_to_the_data_changes_what_is_recognised(tmp_path):
    """Extending the vocabulary is a line of YAML: a new breadcrumb wording, a new date label."""
    line = "现所在栏目：首页 > 政务公开"
    shipped = Furniture(Vocabulary(read_vocabulary(SHIPPED)))
    assert shipped.kind("现所在栏目") is None
    folder = _copy(tmp_path)
    _edit(folder, "page.yaml", "breadcrumb_markers:\n", "breadcrumb_markers:\n  - 现所在栏目   # 某网站的写法\n")
    _edit(folder, "dates.yaml", "  发布日期: 4\n", "  发布日期: 4\n  挂网时间: 4   # 某网站的写法\n")
    extended = Furniture(Vocabulary(read_vocabulary(folder)))
    assert extended.kind(line) == "breadcrumb"
    assert [(f.label, f.rank, f.date.isoformat()) for f in extended.dates("挂网时间：2024-03-05")] == [("挂网时间", 4, "2024-03-05")]
    assert [f.label for f in shipped.dates("挂网时间：2024-03-05")] == ["时间"]  # only the generic label, rank 2


def test_vocabulary_files_are_valid_yaml_mappings():
    for path in SHIPPED.glob("*.yaml"):
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), path
