"""RunMatcher (nlp/timex/prefilter.py) must give exactly the Matcher's matches, in order.

It runs the Matcher only over runs of words some pattern can use; these tests compare
it with a plain Matcher over whole documents, for the date grammar (the probe path,
English and Spanish) and the event triggers (the named-words path, on a parsed doc).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher

from presswatch.nlp.timex.grammar import build_patterns
from presswatch.nlp.timex.lexicon import load_lexicon
from presswatch.nlp.timex.prefilter import RunMatcher

TEXTS = [
    "On Monday, March 3, 2025, the president said tariffs of 25 percent would start "
    "in two weeks, and again on the 4th of March; three days later, at 10:30 a.m. EST, "
    "the pause ran until April 2.  Every other week since the 1990s, in Q3 2024 and "
    "fiscal year 2026, mid-2025 … the day before yesterday, a few years ago, each Friday.",
    "It was a long day. The the the , , a an of. 2025-01-20 and 01/20/2025; the year 2024, "
    "’90s, the end of the month, a year-long review, twice a year, noon, midnight.",
    "",
    "no dates at all here, only words and a number: 12 people",
]


def _plain(vocab, patterns):  # type: ignore[no-untyped-def]
    m = Matcher(vocab)
    for label, pats in patterns.items():
        m.add(label, pats)
    return m


@pytest.mark.parametrize("lang", ["en", "es"])
def test_date_grammar_same_matches(lang: str, repo: Path) -> None:
    nlp = spacy.blank(lang)
    patterns = build_patterns(load_lexicon(lang))
    run, plain = RunMatcher(nlp.vocab, patterns), _plain(nlp.vocab, patterns)
    assert run.probe is not None  # the date grammar is lexical: candidates are learnt
    texts = list(TEXTS)
    if lang == "es":
        texts += [p.read_text("utf-8") for p in sorted((repo / "src/presswatch/data/spanish")
                                                       .glob("*.md"))[:4]]
    else:
        texts += [p.read_text("utf-8") for p in sorted((repo / "src/presswatch/data/sample")
                                                       .glob("0*.md"))[:4]]
    found = 0
    for text in texts * 2:  # the second pass reads words already learnt
        doc = nlp.make_doc(text)
        expected = [tuple(m) for m in plain(doc)]
        assert run(doc) == expected
        found += len(expected)
    assert found > 20


def test_event_triggers_same_matches(nlp) -> None:  # type: ignore[no-untyped-def]
    coder = nlp.get_pipe("pw_events")
    run = coder.matcher
    assert isinstance(run, RunMatcher) and run.named is not None
    doc = nlp(TEXTS[0] + " Mexico extradited 29 cartel figures and the two governments "
              "agreed to meet; Sheinbaum must respond, officials said they would retaliate.")
    expected = [tuple(m) for m in run.matcher(doc)]
    assert expected
    assert run(doc) == expected
