"""Titles written with people's names: "former U.S. President Donald Trump",
"Kristi Noem, the United States Secretary of Security".

The component only reports what the article *says* (a :class:`~presswatch.records.Title`
per titled mention); :mod:`presswatch.checks.roles` compares it with the knowledge
base.  Two places are read: the run of title words right before a name, and an
appositive right after it.  Words come from ``nlp/data/titles.yaml`` (Spanish:
``nlp/data/es/titles.yaml``, same format, for ``nlp.lang == "es"``).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from presswatch.nlp.lexicons import has_data, read_data
from presswatch.records import Title

__all__ = ["TitleFinder", "make_title_finder"]

#: An appositive longer than this is a description, not a title ("…, a lawyer who…").
MAX_APPOSITIVE_TOKENS = 12
_YEAR = re.compile(r"^(1[89]|20)\d\d")
_US = frozenset({"u.s.", "us", "u.s", "usa", "u.s.a."})
#: Mention labels of references that are not names ("the Secretary", "she").
_NOT_NAMES = frozenset({"TITLE", "PRON"})


#: English defaults for what nlp/data/titles.yaml may leave out.
_LEADING = frozenset({"of", "for", "'s", "’s", "-"})
_APPOSITIVE_STOPS = frozenset({"who", "which", "that", ","})


def _lexicon(lang: str = "en") -> dict[str, Any]:
    data: dict[str, Any] = read_data("titles.yaml", lang)
    return data


class TitleFinder:
    def __init__(self, lang: str = "en") -> None:
        lex = _lexicon(lang)
        heads = [h.lower() for h in lex["heads"]]
        self.head_words = frozenset(w for h in heads for w in h.replace("-", " ").split())
        self.single_heads = frozenset(h for h in heads if " " not in h and "-" not in h)
        self.tense_words = frozenset(
            w.strip("-") for key in ("former", "elect", "acting") for w in lex[key]
        )
        self.inner = frozenset(w.lower() for w in lex["inner"])
        self.historical_cues = tuple(c.lower() for c in lex["historical_cues"])
        self.leading = frozenset(w.lower() for w in lex.get("leading") or _LEADING)
        #: True, or "closed" (English: the name must be followed by a comma too)
        self.comma_before_name: bool | str = lex.get("comma_before_name") or False
        self.trailing = frozenset(w.lower() for w in lex.get("trailing") or ())
        self.trailing_names = bool(lex.get("trailing_names"))
        self.appositive_stops = frozenset(
            w.lower() for w in lex.get("appositive_stops") or _APPOSITIVE_STOPS
        )

    # -- the run of words before a name ------------------------------------------------

    def _titleish(self, tok: Token) -> bool:
        low = tok.lower_
        if low in self.head_words or low in self.tense_words or low in _US:
            return True
        if tok.tag_ == "POS":  # Mexico's President
            return True
        if tok.text in {"-", "–"} and tok.whitespace_ == "":
            return True
        if low in self.inner and low not in {"the", "and"}:
            return True
        if low == "the" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "of":
            return True  # "President of the United States Donald Trump"
        # names of countries and offices inside a title: "Homeland Security", "Mexican"
        return tok.pos_ in {"PROPN", "ADJ"} and tok.text[:1].isupper()

    def _before(self, span: Span) -> Span | None:
        doc = span.doc
        sent_start = span.sent.start
        end = span.start
        if (
            self.comma_before_name
            and end - 1 > sent_start
            and doc[end - 1].text == ","
            and (self.comma_before_name != "closed"
                 or (span.end < len(doc) and doc[span.end].text == ","))
        ):  # fmt: skip
            # "el secretario de Seguridad, Omar García Harfuch"; in English only an
            # appositive closed by a comma: "The U.S. Secretary of Homeland Security,
            # Kristi Noem, said" (not "After meeting the U.S. president, Sheinbaum said")
            end -= 1
        i = end
        while i > sent_start and self._titleish(doc[i - 1]):
            i -= 1
        # do not start a title on a connector or a possessive marker
        while i < end and (doc[i].lower_ in self.leading or doc[i].tag_ == "POS"):
            i += 1
        if i == end:
            return None
        run = doc[i:end]
        if not any(t.lower_ in self.single_heads or t.lower_ in self.head_words for t in run):
            return None
        # the last word before the name must be a title word, not a stray name
        last = run[-1]
        if (
            last.lower_ not in self.head_words
            and last.lower_ not in self.tense_words
            and last.lower_ not in self.trailing
            and not (self.trailing_names and self._ends_with_name(run))
        ):
            return None
        if end < span.start and len(run) == 1 and i > sent_start:
            return None  # ", Omar" after a lone word is a list, not a title
        return run

    def _ends_with_name(self, run: Span) -> bool:
        """A title that ends with the name of its department or country after a linking
        word: "secretario de Estado", "secretario de la Defensa Nacional", "secretaria de
        Seguridad Nacional de Estados Unidos", "expresidente de Estados Unidos"."""
        j = len(run) - 1
        while j > 0 and run[j].text[:1].isupper():  # "Defensa Nacional": capitalised
            j -= 1
        return 0 < j < len(run) - 1 and run[j].lower_ in self.inner and len(run) > 2

    # -- an appositive after the name --------------------------------------------------

    def _after(self, span: Span) -> Span | None:
        doc = span.doc
        root = span.root
        for child in root.children:
            if child.dep_ != "appos" or child.i < span.end:
                continue
            start, end = child.left_edge.i, child.right_edge.i + 1
            # stop at a relative clause or a comma inside the appositive
            for j in range(start, end):
                if doc[j].lower_ in self.appositive_stops and j > start:
                    end = j
                    break
            while start < end and doc[start].pos_ in {"DET", "PUNCT"}:
                start += 1
            if end - start == 0 or end - start > MAX_APPOSITIVE_TOKENS:
                continue
            cand = doc[start:end]
            if any(t.lower_ in self.head_words for t in cand) and any(
                t.lower_ in self.single_heads or t.lower_ in self.head_words for t in cand
            ):
                return cand
        return None

    def _historical(self, sent: Span, dct_year: int | None, dates: list[Any]) -> bool:
        low = sent.text.lower()
        if any(cue in low for cue in self.historical_cues):
            return True
        if dct_year is None:
            return False
        return any(
            sent.start_char <= d.start < sent.end_char
            and d.value
            and _YEAR.match(d.value)
            and int(d.value[:4]) < dct_year
            for d in dates
        )

    def __call__(self, doc: Doc) -> Doc:
        scratch = doc._.pw_scratch = doc._.pw_scratch or {}
        actors = doc._.pw_actors or {}
        dct = doc._.pw_dct
        dates = list(doc._.pw_dates or ())
        titles: list[Title] = []
        seen: set[tuple[int, int]] = set()
        for m in doc._.pw_mentions or ():
            ref = actors.get(m.actor) if m.actor else None
            if ref is None or ref.kind != "person" or m.label in _NOT_NAMES:
                continue  # a title or pronoun standing for the person has no name to go with
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for cand in (self._before(span), self._after(span)):
                if cand is None or (cand.start_char, cand.end_char) in seen:
                    continue
                seen.add((cand.start_char, cand.end_char))
                historical = self._historical(span.sent, dct.year if dct else None, dates)
                titles.append(
                    Title(
                        text=cand.text,
                        start=cand.start_char,
                        end=cand.end_char,
                        actor=m.actor,
                        mention_start=m.start,
                        mention_end=m.end,
                        historical=historical,
                    )
                )
        scratch["titles"] = titles
        return doc


@Language.factory("pw_titles", default_config={})
def make_title_finder(nlp: Language, name: str) -> TitleFinder:
    # a language without its own title words finds none rather than apply English ones
    lang = str(nlp.lang)
    return TitleFinder(lang if has_data("titles.yaml", lang) else "en")
