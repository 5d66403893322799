"""Named-entity mentions from spaCy's NER, as records.

This is the foundation component: every PERSON/ORG/GPE/NORP/LOC/FAC entity
becomes a :class:`~presswatch.records.Mention`.  Linking to the knowledge base
is done by the actors component, which replaces this one in the pipeline.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from presswatch.records import ActorRef, Mention

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


class MentionTagger:
    def __call__(self, doc: Doc) -> Doc:
        doc._.pw_mentions = [
            Mention(start=e.start_char, end=e.end_char, text=e.text, actor=None, label=e.label_)
            for e in doc.ents
            if e.label_ in ACTOR_LABELS
        ]
        doc._.pw_actors = dict[str, ActorRef]()
        return doc


@Language.factory("pw_mentions", default_config={})
def make_mention_tagger(nlp: Language, name: str) -> MentionTagger:
    return MentionTagger()
