"""Exact and near-duplicate detection.

Exact duplicates share an id (the hash of the normalised text) and are dropped.
Near duplicates — the same story lightly edited — are found by MinHash over
word 5-shingles with LSH banding, and kept but marked ``near_duplicate_of``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from presswatch.records import Article

__all__ = ["Deduplicator", "jaccard"]

_WORD = re.compile(r"\w+")
#: Estimated Jaccard similarity of 5-shingles at or above which two texts are the same story.
NEAR_DUPLICATE_THRESHOLD = 0.8
_PERMS = 64
_BANDS = 16  # 16 bands of 4 rows: candidates at similarity ~0.5 and up, confirmed exactly
_ROWS = _PERMS // _BANDS
_MASK = (1 << 61) - 1


def _shingles(text: str, k: int = 5) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def _hashes(shingles: set[str]) -> list[int]:
    return [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles
    ]


_SEEDS = [
    (
        int.from_bytes(hashlib.sha256(f"a{i}".encode()).digest()[:8], "big") | 1,
        int.from_bytes(hashlib.sha256(f"b{i}".encode()).digest()[:8], "big"),
    )
    for i in range(_PERMS)
]


def _minhash(hs: list[int]) -> tuple[int, ...]:
    if not hs:
        return tuple([0] * _PERMS)
    return tuple(min(((a * h + b) & _MASK) for h in hs) for a, b in _SEEDS)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


class Deduplicator:
    """Feed articles in order; get back the article to keep (or None for an exact copy)."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD) -> None:
        self.threshold = threshold
        self._ids: set[str] = set()
        self._bands: dict[tuple[int, tuple[int, ...]], list[str]] = {}
        self._shingles: dict[str, set[str]] = {}

    def add(self, article: Article) -> Article | None:
        if article.id in self._ids:
            return None
        self._ids.add(article.id)
        sh = _shingles(article.text)
        sig = _minhash(_hashes(sh))
        candidates: set[str] = set()
        keys = [(b, sig[b * _ROWS : (b + 1) * _ROWS]) for b in range(_BANDS)]
        for key in keys:
            candidates.update(self._bands.get(key, ()))
        best, best_sim = None, 0.0
        for cid in sorted(candidates):
            sim = jaccard(sh, self._shingles[cid])
            if sim > best_sim:
                best, best_sim = cid, sim
        for key in keys:
            self._bands.setdefault(key, []).append(article.id)
        self._shingles[article.id] = sh
        if best is not None and best_sim >= self.threshold and article.near_duplicate_of is None:
            return dataclasses.replace(article, near_duplicate_of=best)
        return article
