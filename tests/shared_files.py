"""The project's reference files (the seed note, the corpus of notes, the REFI-QDA schemas).

They live in ``../shared`` beside the repository, in the project's own checkout
only; a clone without them skips the tests that need them and says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = "seeds/000_6cce341f11902012.txt"
CORPUS = "corpus/notes"
REFI = "refi"


def shared(relative: str) -> Path:
    """``../shared/<relative>``, or skip the test when it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(
            f"../shared/{relative} is not here: the reference files sit beside the "
            "repository in the project's own checkout, not in a clone"
        )
    return path
