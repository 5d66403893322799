"""Agenda topics: a transparent, weighted keyword taxonomy.

The taxonomy lives in ``nlp/data/topics.yaml`` (and, for another language, in
``nlp/data/<lang>/topics.yaml`` with the same topic ids, so that coverage in two
languages lands in the same topics): each topic lists phrases with a weight.
One :class:`~spacy.matcher.PhraseMatcher` pass over the lower-cased tokens counts
the phrases; a topic's raw score is ``sum(weight * count)``
(child topics such as ``migration.deportation`` also count toward their
parent), and the published score in 0..1 is::

    score = (raw / best_raw) * (1 - exp(-raw / saturation))

The first factor ranks topics against the article's dominant one; the second
saturates, so that one stray keyword does not make a topic.  Topics scoring at
least the taxonomy's ``threshold`` are kept, sorted by score; when none
qualifies the article gets ``other`` (score 1.0).  :func:`explain_topics`
shows which phrases produced a score.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from presswatch.nlp.lexicons import BASE_LANG, has_data, read_data
from presswatch.records import Topic

__all__ = ["OTHER", "TopicScorer", "TopicTagger", "explain_topics", "load_taxonomy", "score_text"]

#: The topic an article gets when no topic reaches the threshold.
OTHER = "other"


@dataclass(frozen=True, slots=True)
class Taxonomy:
    #: topic id -> {phrase (lower case): weight}
    phrases: dict[str, dict[str, float]]
    labels: dict[str, str]
    saturation: float
    threshold: float


@functools.lru_cache(maxsize=8)
def load_taxonomy(lang: str = BASE_LANG) -> Taxonomy:
    """Read the shipped taxonomy of ``lang`` once per process (English when the language
    has none of its own)."""
    raw: dict[str, Any] = read_data("topics.yaml", lang if has_data("topics.yaml", lang)
                                    else BASE_LANG)
    phrases: dict[str, dict[str, float]] = {}
    labels: dict[str, str] = {}
    for tid, spec in raw["topics"].items():
        phrases[tid] = {str(p).lower(): float(w) for p, w in spec["phrases"].items()}
        labels[tid] = spec.get("label", tid)
    return Taxonomy(
        phrases=phrases,
        labels=labels,
        saturation=float(raw["saturation"]),
        threshold=float(raw["threshold"]),
    )


#: Spanish stressed endings that lose their accent in the plural ("deportación" ->
#: "deportaciones").
_ES_UNSTRESS = str.maketrans("áéíóú", "aeiou")


def _plural_es(word: str) -> str:
    if word.endswith("z"):
        return word[:-1] + "ces"  # "capataz" -> "capataces"
    if word[-1] in "aeiouáéó" or word.endswith("s"):
        # "capo" -> "capos", "café" -> "cafés"; a word in -s is its own plural ("crisis").
        return word if word.endswith("s") else word + "s"
    if word[-2:-1] in "áéíóú" and word[-1] in "nsl":
        return word[:-2] + word[-2].translate(_ES_UNSTRESS) + word[-1] + "es"
    return word + "es"  # "arancel" -> "aranceles", "cártel" -> "cárteles"


def _plural(word: str, lang: str = BASE_LANG) -> str:
    if lang == "es":
        return _plural_es(word)
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


class TopicScorer:
    """Counts weighted taxonomy phrases in a Doc and turns them into scores."""

    def __init__(self, vocab: Vocab, taxonomy: Taxonomy, lang: str = BASE_LANG) -> None:
        self.taxonomy = taxonomy
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        # match id (hash of "topic|phrase") -> (topic, phrase, weight)
        self.keys: dict[int, tuple[str, str, float]] = {}
        tokenizer = spacy.blank(lang).tokenizer
        for tid, table in taxonomy.phrases.items():
            for phrase, weight in table.items():
                key = f"{tid}|{phrase}"
                words = phrase.split()
                variants = {phrase, " ".join([*words[:-1], _plural(words[-1], lang)])}
                self.matcher.add(key, [tokenizer(v) for v in sorted(variants)])
                self.keys[vocab.strings.add(key)] = (tid, phrase, weight)

    def hits(self, doc: Doc) -> dict[tuple[str, str], tuple[float, int]]:
        """(topic, phrase) -> (weight, count), longest match wins where phrases overlap."""
        matches = self.matcher(doc, as_spans=False)
        # Longest-first greedy: "drug trafficking" must not also count "drug".
        taken = bytearray(len(doc))
        out: dict[tuple[str, str], tuple[float, int]] = {}
        for mid, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1])):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            tid, phrase, weight = self.keys[mid]
            _, count = out.get((tid, phrase), (weight, 0))
            out[(tid, phrase)] = (weight, count + 1)
        return out

    def score(self, doc: Doc) -> list[Topic]:
        raw: dict[str, float] = {}
        for (tid, _), (weight, count) in self.hits(doc).items():
            if weight <= 0:
                continue  # a stop phrase: it only keeps a shorter phrase from matching
            raw[tid] = raw.get(tid, 0.0) + weight * count
            # A child topic is evidence for its parent too (deportation is migration).
            if "." in tid:
                parent = tid.rsplit(".", 1)[0]
                if parent in self.taxonomy.phrases:
                    raw[parent] = raw.get(parent, 0.0) + weight * count
        if not raw:
            return [Topic(OTHER, 1.0)]
        best = max(raw.values())
        sat = self.taxonomy.saturation
        scored = [
            Topic(tid, round((r / best) * (1.0 - math.exp(-r / sat)), 3)) for tid, r in raw.items()
        ]
        kept = [t for t in scored if t.score >= self.taxonomy.threshold]
        if not kept:
            return [Topic(OTHER, 1.0)]
        kept.sort(key=lambda t: (-t.score, t.id))
        return kept


@functools.lru_cache(maxsize=8)
def _default_scorer(lang: str = BASE_LANG) -> tuple[Language, TopicScorer]:
    blank = spacy.blank(lang)
    return blank, TopicScorer(blank.vocab, load_taxonomy(lang), lang)


def score_text(text: str, lang: str = BASE_LANG) -> list[Topic]:
    """Topics of any text (an article, one event's sentence), without the full pipeline."""
    blank, scorer = _default_scorer(lang)
    return scorer.score(blank.make_doc(text))


def explain_topics(text: str, lang: str = BASE_LANG) -> list[tuple[str, str, float, int]]:
    """Why a text got its topics: (topic, phrase, weight, count), heaviest first."""
    blank, scorer = _default_scorer(lang)
    rows = [
        (tid, phrase, weight, count)
        for (tid, phrase), (weight, count) in scorer.hits(blank.make_doc(text)).items()
    ]
    rows.sort(key=lambda r: (-r[2] * r[3], r[0], r[1]))
    return rows


class TopicTagger:
    def __init__(self, scorer: TopicScorer) -> None:
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        doc._.pw_topics = self.scorer.score(doc)
        return doc


@Language.factory("pw_topics", default_config={})
def make_topic_tagger(nlp: Language, name: str) -> TopicTagger:
    lang = nlp.lang or BASE_LANG
    return TopicTagger(TopicScorer(nlp.vocab, load_taxonomy(lang), lang))
