from __future__ import annotations

from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def rulebook():
    from checker.rulebook import load_rulebook

    return load_rulebook("national")


@pytest.fixture(scope="session")
def labels():
    return yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))


def corpus_file(name_prefix: str) -> Path:
    matches = sorted(CORPUS.glob(f"{name_prefix}*.txt"))
    assert matches, f"corpus file {name_prefix}* not found in {CORPUS}"
    return matches[0]
