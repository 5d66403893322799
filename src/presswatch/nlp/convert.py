"""The one converter: a processed ``Doc`` becomes an :class:`Analysis`."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from presswatch.records import ActorRef, Analysis, Article

__all__ = ["doc_to_analysis"]


def _actor_refs(doc: Doc) -> tuple[ActorRef, ...]:
    refs: dict[str, ActorRef] = dict(doc._.pw_actors or {})
    counts: dict[str, int] = {}
    for m in doc._.pw_mentions or ():
        if m.actor:
            counts[m.actor] = counts.get(m.actor, 0) + 1
    out = [
        dataclasses.replace(ref, mentions=counts.get(aid, ref.mentions))
        for aid, ref in refs.items()
    ]
    out.sort(key=lambda r: (-r.mentions, r.id))
    return tuple(out)


def doc_to_analysis(doc: Doc) -> Analysis:
    article: Article = doc._.pw_article
    scratch = doc._.pw_scratch or {}
    inferred = scratch.get("inferred_dct")
    if article.published is None and inferred is not None:
        article = dataclasses.replace(
            article, published=inferred.isoformat(), published_basis="inferred"
        )
    return Analysis(
        article=article,
        actors=_actor_refs(doc),
        mentions=tuple(doc._.pw_mentions or ()),
        events=tuple(doc._.pw_events or ()),
        quotes=tuple(doc._.pw_quotes or ()),
        claims=tuple(doc._.pw_claims or ()),
        dates=tuple(doc._.pw_dates or ()),
        topics=tuple(doc._.pw_topics or ()),
        titles=tuple(scratch.get("titles", ())),
    )
