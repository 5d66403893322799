"""The custom ``Doc._`` attributes our components fill, declared in one place.

Each component writes plain records (from :mod:`presswatch.records`) to its
own attribute; :mod:`presswatch.nlp.convert` collects them.  Nothing outside
``nlp/`` ever sees a spaCy object.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: attribute name -> default value
DOC_ATTRS: dict[str, object] = {
    "pw_article": None,  # the Article being analysed (DCT, metadata)
    "pw_dct": None,  # datetime.date or None: the anchor for relative dates
    "pw_mentions": None,  # list[Mention]
    "pw_actors": None,  # dict[actor id, ActorRef]
    "pw_dates": None,  # list[DateMention]
    "pw_events": None,  # list[Event]
    "pw_quotes": None,  # list[Quote]
    "pw_claims": None,  # list[Claim]
    "pw_topics": None,  # list[Topic]
    "pw_scratch": None,  # dict: cross-component state (e.g. mention spans for coreference)
}


def register_extensions() -> None:
    """Declare the attributes (idempotent: safe in every worker process)."""
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def window_start(doc: Doc, i: int, sentences: int) -> int:
    """The first token of the sentence ``sentences`` before token ``i``'s own (or of the
    document): where a look back from ``i`` over that many earlier sentences stops."""
    floor = doc[i].sent.start
    for _ in range(sentences):
        if floor == 0:
            break
        floor = doc[floor - 1].sent.start
    return floor


def doc_text(doc: Doc) -> str:
    """``doc.text`` without rebuilding it: spaCy joins every token on each access, while
    the article the doc was made from (``pw_article``) holds the same string.  The
    article's text is used only when its length is the doc's."""
    article = doc._.pw_article
    text = getattr(article, "text", None)
    if isinstance(text, str) and len(doc):
        last = doc[-1]
        if len(text) == last.idx + len(last.text_with_ws):
            return text
    return doc.text
