"""The per-user cache of built rulebooks, the vocabulary and the lexicon (checker/cache.py)."""

from __future__ import annotations

import os

import pytest

from checker import cache, rulebook as rb


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(where))
    monkeypatch.delenv("CHECKER_NO_CACHE", raising=False)
    monkeypatch.setattr(rb, "_LOADED", {})
    return where


def _book(path, pass_mark: int) -> str:
    path.write_text(f"id: mine\nname: 我的\nextends: national\npass_mark: {pass_mark}\n", encoding="utf-8")
    return str(path)


def test_a_rulebook_comes_back_from_the_cache_equal(folder, tmp_path, monkeypatch):
    ref = _book(tmp_path / "mine.yaml", 70)
    built = rb.load_rulebook(ref)
    assert [p.name for p in folder.iterdir()] and all(os.stat(p).st_mode & 0o077 == 0 for p in folder.iterdir())
    monkeypatch.setattr(rb, "_LOADED", {})
    monkeypatch.setattr(rb, "_build", lambda *a, **k: pytest.fail("built again instead of read from the cache"))
    cached = rb.load_rulebook(ref)
    assert cached is not built and cached == built and cached.pass_mark == 70
    assert [r.config for r in cached.rules.values()] == [r.config for r in built.rules.values()]


@pytest.mark.parametrize("forget", [True, False], ids=["new-process", "same-process"])
def test_a_changed_rulebook_file_is_read_again(folder, tmp_path, monkeypatch, forget):
    path = tmp_path / "mine.yaml"
    assert rb.load_rulebook(_book(path, 70)).pass_mark == 70
    if forget:
        monkeypatch.setattr(rb, "_LOADED", {})
    assert rb.load_rulebook(_book(path, 80)).pass_mark == 80


def test_a_changed_base_rulebook_is_noticed(folder, tmp_path, monkeypatch):
    base = tmp_path / "base.yaml"
    base.write_text((rb.shipped_dir() / "national.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text("id: child\nname: 子\nextends: base.yaml\n", encoding="utf-8")
    assert rb.load_rulebook(str(child)).pass_mark == 60
    base.write_text(base.read_text(encoding="utf-8").replace("pass_mark: 60", "pass_mark: 65", 1), encoding="utf-8")
    monkeypatch.setattr(rb, "_LOADED", {})
    assert rb.load_rulebook(str(child)).pass_mark == 65


def test_the_size_limit_holds_for_a_cached_rulebook(folder, tmp_path, monkeypatch):
    from checker import yamlfile

    ref = _book(tmp_path / "mine.yaml", 70)
    rb.load_rulebook(ref)
    monkeypatch.setattr(rb, "_LOADED", {})
    monkeypatch.setattr(yamlfile, "max_bytes", 1000)  # national.yaml is larger
    with pytest.raises(rb.RulebookError, match="过大"):
        rb.load_rulebook(ref)


def test_an_entry_others_may_write_is_never_loaded(folder, tmp_path, monkeypatch):
    ref = _book(tmp_path / "mine.yaml", 70)
    rb.load_rulebook(ref)
    for entry in folder.iterdir():
        entry.chmod(0o666)
    monkeypatch.setattr(rb, "_LOADED", {})
    built = []
    real = rb._build
    monkeypatch.setattr(rb, "_build", lambda *a, **k: built.append(1) or real(*a, **k))
    assert rb.load_rulebook(ref).pass_mark == 70 and built


def test_a_damaged_entry_is_only_a_miss(folder, tmp_path, monkeypatch):
    ref = _book(tmp_path / "mine.yaml", 70)
    rb.load_rulebook(ref)
    for entry in folder.iterdir():
        entry.write_bytes(entry.read_bytes()[:100])
    monkeypatch.setattr(rb, "_LOADED", {})
    assert rb.load_rulebook(ref).pass_mark == 70


def test_no_cache_when_it_cannot_be_written_or_is_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(rb, "_LOADED", {})
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker / "cache"))
    assert rb.load_rulebook(_book(tmp_path / "mine.yaml", 70)).pass_mark == 70
    monkeypatch.setattr(rb, "_LOADED", {})
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("CHECKER_NO_CACHE", "1")
    assert rb.load_rulebook(_book(tmp_path / "mine.yaml", 75)).pass_mark == 75
    assert not (tmp_path / "off").exists()


def test_the_folder_keeps_only_the_latest_files(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_FILES", 3)
    for i in range(6):
        cache.write_bytes(f"f{i}", b"x")
        os.utime(folder / f"f{i}", ns=(i * 10**9, i * 10**9))
    assert sorted(p.name for p in folder.iterdir()) == ["f3", "f4", "f5"]


def test_the_vocabulary_from_the_cache_is_the_vocabulary_read(folder):
    from checker.vocabulary import read_vocabulary, vocabulary

    vocabulary.cache_clear()
    try:
        first = vocabulary().values
        vocabulary.cache_clear()
        assert vocabulary().values == first == read_vocabulary()
        assert any(p.name.startswith("vocabulary-") for p in folder.iterdir())
    finally:
        vocabulary.cache_clear()


def test_the_segmenter_cuts_as_jieba_with_the_whole_dictionary(folder):
    """tokens.Segmenter is jieba's cut without the HMM, over a prefix dictionary filled as it is asked."""
    import jieba

    from tests.conftest import CORPUS

    from checker import tokens

    tokens.tokenizer.__wrapped__()  # builds the cache file
    lazy = tokens.tokenizer.__wrapped__()  # from the cache file
    assert isinstance(lazy.FREQ, tokens._Prefixes)
    whole = jieba.Tokenizer(dictionary=str(tokens.LEXICON))
    with open(tokens.LEXICON, "rb") as fh:
        whole.FREQ, whole.total = jieba.Tokenizer.gen_pfdict(fh)
    whole.initialized = True
    texts = ["县委充分发挥领导核心作用，将将法治建设纳入发展总体规划，进一步一步压实责任。", "推进严格规范公正文明执法", "abc 123 法治政府建设2024年度报告\r\n\t  x", "A股、B超和3D打印；e政务", ""]
    for path in sorted(CORPUS.glob("*.txt")):
        texts += [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert [lazy.lcut(t) for t in texts] == [whole.lcut(t, HMM=False) for t in texts]
    assert lazy.total == whole.total
    assert (lazy.FREQ.whole() if isinstance(lazy.FREQ, tokens._Prefixes) else lazy.FREQ) == whole.FREQ


def test_a_cached_rulebook_imports_only_the_kinds_that_run(folder, tmp_path):
    """A report checked without last year's report never imports the cross-year kinds (nor jieba, PyYAML or rich for JSON)."""
    import subprocess
    import sys

    from tests.conftest import corpus_file

    report = corpus_file("000")
    probe = (
        "import sys\n"
        "from checker.cli import main\n"  # main, not the command's run(): that one ends the process at once
        f"try:\n    main(['lint', '--format', 'json', {str(report)!r}])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "CHECKER_CACHE_DIR": str(folder)}
    for _ in range(2):  # the first run fills the cache
        res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    loaded = set(res.stderr.split())
    assert "checker.checks.forbid" in loaded
    for module in ("checker.crossyear", "checker.checks.unreported", "checker.checks.copied", "jieba", "yaml", "rich", "multiprocessing"):
        assert module not in loaded, module
