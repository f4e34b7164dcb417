from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

# the per-user cache of built rulebooks (checker/cache.py) lives in a folder of this test run,
# for the tests and every checker they start: a run of the tests never writes into the user's home
if "CHECKER_CACHE_DIR" not in os.environ:
    os.environ["CHECKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="checker-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CHECKER_CACHE_DIR"], True)


@pytest.fixture(scope="session")
def rulebook():
    from checker.rulebook import load_rulebook

    return load_rulebook("national")


@pytest.fixture(scope="session")
def labels():
    return yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))


def example_document(text: str, path: str):
    """The Document of a rule's example text, one line per line.

    In examples “�” stands for a byte that cannot be decoded: such a text is
    written as bytes (0xFF there) and read by the text reader, as a file would be.
    """
    from checker.model import Document, SourceLine

    if "\ufffd" in text:
        from checker.readers.text import read_text

        return read_text(text.encode("utf-8").replace("\ufffd".encode("utf-8"), b"\xff"), path)
    return Document(path=path, format="text", lines=[SourceLine(i, t) for i, t in enumerate(text.splitlines(), 1)])


def corpus_file(name_prefix: str) -> Path:
    matches = sorted(CORPUS.glob(f"{name_prefix}*.txt"))
    assert matches, f"corpus file {name_prefix}* not found in {CORPUS}"
    return matches[0]
