"""The one converter: a processed ``Doc`` becomes an :class:`Analysis`."""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc

from presswatch.records import ActorRef, Analysis, Article

__all__ = ["doc_to_analysis"]


def _referenced(doc: Doc) -> dict[str, tuple[str | None, str]]:
    """Actor ids that records refer to, with the text written for them and a kind guess."""
    out: dict[str, tuple[str | None, str]] = {}
    for q in doc._.pw_quotes or ():
        if q.speaker:
            out.setdefault(q.speaker, (q.speaker_text, "person"))
    for e in doc._.pw_events or ():
        for aid in (*e.source, *e.target):
            out.setdefault(aid, (None, "group"))
    for m in doc._.pw_mentions or ():
        if m.actor:
            out.setdefault(m.actor, (m.text, "person" if m.label == "PERSON" else "organization"))
    return out


def _actor_refs(doc: Doc) -> tuple[ActorRef, ...]:
    refs: dict[str, ActorRef] = dict(doc._.pw_actors or {})
    # The contract: every actor id a record refers to is in the article's actors list.
    # Components register the actors they link; an id a component made up on its own
    # (a speaker's slug, an event's group) is completed here from the KB or the text.
    missing = {aid: v for aid, v in _referenced(doc).items() if aid not in refs}
    if missing:
        from presswatch.kb import load_kb

        kb = load_kb()
        for aid, (text, kind) in missing.items():
            actor = kb.get(aid)
            if actor is not None:
                refs[aid] = ActorRef(aid, actor.name, actor.kind, actor.country, actor.sector,
                                     actor.wikidata)  # fmt: skip
            else:
                name = text if text and text[:1].isupper() else aid.replace("-", " ").title()
                refs[aid] = ActorRef(aid, name, kind)
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


def _common_noun_groups(doc: Doc) -> set[str]:
    """Spanish: actor ids the events made of a bare common noun ("designó … como
    organizaciones terroristas" -> ``organizaciones``, "los gobiernos"): no one is named,
    so they are not actors (docs/GOLD.md: an unnamed group is ``[]``).  English keeps its
    group ids, which the PLOVER gold codes ("protesters")."""
    article = doc._.pw_article
    if article is None or article.language != "es":
        return set()
    named = {m.actor for m in doc._.pw_mentions or () if m.actor}
    return {
        aid
        for aid, ref in (doc._.pw_actors or {}).items()
        if ref.kind == "group" and aid not in named and ref.name.islower()
    }


def doc_to_analysis(doc: Doc) -> Analysis:
    article: Article = doc._.pw_article
    scratch = doc._.pw_scratch or {}
    inferred = scratch.get("inferred_dct")
    if article.published is None and inferred is not None:
        article = dataclasses.replace(
            article, published=inferred.isoformat(), published_basis="inferred"
        )
    unnamed = _common_noun_groups(doc)
    events = tuple(doc._.pw_events or ())
    if unnamed:
        doc._.pw_actors = {k: v for k, v in (doc._.pw_actors or {}).items() if k not in unnamed}
        events = tuple(
            dataclasses.replace(e, source=tuple(a for a in e.source if a not in unnamed),
                                target=tuple(a for a in e.target if a not in unnamed))
            for e in events
        )  # fmt: skip
        doc._.pw_events = list(events)
    return Analysis(
        article=article,
        actors=_actor_refs(doc),
        mentions=tuple(doc._.pw_mentions or ()),
        events=events,
        quotes=tuple(doc._.pw_quotes or ()),
        claims=tuple(doc._.pw_claims or ()),
        dates=tuple(doc._.pw_dates or ()),
        topics=tuple(doc._.pw_topics or ()),
        titles=tuple(scratch.get("titles", ())),
    )
