"""Role checks: a title's tense or form against the knowledge base at the article's date.

* ``role_anachronism`` — "former U.S. President Donald Trump" while he holds the office;
  "President López Obrador" after he left it; "President-elect" after the inauguration.
* ``title_mismatch`` — a title the person never held in that form: "Kristi Noem, the
  United States Secretary of Security" (the KB holds Secretary of Homeland Security).

Precision first: a title is only judged when the KB knows the person *and* the title
names one of the kinds of office they held (same head word: president, secretary …).
Descriptions ("Mexico's first female president"), informal forms ("Homeland Security
chief", "DHS Secretary"), historical sentences ("during his first term") and words
inside quotations or transcripts are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources

import yaml

from presswatch.kb import KB
from presswatch.kb.model import norm
from presswatch.kb.resolve import parse_title
from presswatch.records import Analysis, Finding, Role, Title

__all__ = ["check_titles", "feminine_title", "is_transcript"]

#: The title words of every language the pipeline reads (data/checks/titles.yaml): head
#: words and the kind of office they name, words that do not tell offices apart, words
#: that name what an office is for, "ex" written into a head ("expresidente") and the
#: heads that name a woman ("presidenta").
_DATA = yaml.safe_load(
    resources.files("presswatch").joinpath("data/checks/titles.yaml").read_text("utf-8")
)
_HEADS: dict[str, str] = {norm(k): v for k, v in _DATA["heads"].items()}
_NEUTRAL = frozenset(norm(_DATA["neutral"]).split())
_OFFICE_WORDS = frozenset(norm(_DATA["office_words"]).split())
_FORMER_PREFIXES: tuple[str, ...] = tuple(_DATA["former_prefixes"])
_FEMININE = frozenset(norm(w) for w in _DATA["feminine"])
_WORD = re.compile(r"[a-z][a-z.'-]*")
_NOMINEE = frozenset({"nominee", "designate", "designee"})
#: Speaker-labelled turns that make a document a transcript rather than a written text.
TRANSCRIPT_TURNS = 3
#: A line that opens with a speaker label in a transcript ("THE PRESIDENT:", "MS. LEAVITT:").
_SPEAKER_LABEL = re.compile(r"^\s*(?:[A-Z][A-Z.'’-]+\s){0,4}[A-Z][A-Z.'’-]+:")
_QUOTES = re.compile(r"[“\"«](.+?)[”\"»]", re.S)


def _words(text: str) -> list[str]:
    return _WORD.findall(norm(text).replace("-", " - ").replace(" - ", "-"))


def _unprefixed(w: str) -> str:
    """A head with "former" written into it ("expresidente") -> the head ("presidente")."""
    for p in _FORMER_PREFIXES:
        if w.startswith(p) and w[len(p) :] in _HEADS:
            return w[len(p) :]
    return w


def _head(words: Iterable[str]) -> str | None:
    heads = [_HEADS[h] for w in words if (h := _unprefixed(w)) in _HEADS]
    return heads[-1] if heads else None


def _content(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w for w in words if w not in _NEUTRAL and _unprefixed(w) not in _HEADS)


def feminine_title(text: str) -> bool:
    """Does the title name a woman ("la presidenta", "la exsecretaria")?  Spanish titles
    agree with the person's gender; English ones seldom say it."""
    return any(_unprefixed(w) in _FEMININE for w in _words(text))


def _role_forms(kb: KB, role: Role) -> list[frozenset[str]]:
    """The content words of every way the role can be written, acronyms included."""
    forms = [_content(_words(t)) for t in (role.title, *role.variants)]
    org = kb.get(role.organization) if role.organization else None
    if org is not None:
        for name in (org.name, *org.aliases):
            forms.append(_content(_words(name)))
    return [f for f in forms if f]


def _is_mismatch(
    kb: KB, country: str | None, written: frozenset[str], head: str, same_kind: list[Role]
) -> bool:
    """Does a title the KB does not know name a wrong office, rather than describe one?"""
    if country and all(r.country and r.country != country for r in same_kind):
        return True  # an office of a country the person never served
    if not written or head == "president":
        # the head alone ("President", "the secretary") fits; and a president's title is
        # seldom garbled but often described ("the first female president", "the worst
        # president in history"): for presidents only the country is judged
        return False
    forms = [f for r in same_kind for f in _role_forms(kb, r)]
    if any(f <= written for f in forms):
        # the real title's words are all there: an informal or fuller form ("Homeland
        # Security chief", "DHS Secretary", "White House Homeland Security Advisor")
        return False
    # only a title that names an office ("of Security", "Border Security") is judged; other
    # words describe the person ("the Republican senator", "the longtime secretary")
    return bool(written & frozenset().union(*forms)) or written <= _OFFICE_WORDS


def _quoted_or_transcript(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if _SPEAKER_LABEL.match(text[line_start : line_start + 60]):
        return True
    para_end = text.find("\n", start)
    para = text[line_start : para_end if para_end >= 0 else len(text)]
    offset = start - line_start
    return any(m.start() < offset < m.end() for m in _QUOTES.finditer(para))


def _finding(kind: str, a: Analysis, t: Title, message: str, severity: str = "warning") -> Finding:
    return Finding(
        kind=kind, severity=severity, message=message, article=a.article.id,
        start=min(t.start, t.mention_start), end=max(t.end, t.mention_end),
        evidence=a.article.text[min(t.start, t.mention_start) : max(t.end, t.mention_end)],
        actor=t.actor,
    )  # fmt: skip


def _describe(role: Role) -> str:
    since = f" since {role.start}" if role.start else ""
    until = f" until {role.end}" if role.end else ""
    return f"{role.title}{since}{until}"


def is_transcript(text: str) -> bool:
    """A transcript (briefing, remarks, press call): turns opened by speaker labels."""
    labels = sum(1 for line in text.splitlines()[:400] if _SPEAKER_LABEL.match(line[:60])
                 or line.startswith(("Q ", "Q:", "Q\t")))  # fmt: skip
    return labels >= TRANSCRIPT_TURNS


def check_titles(a: Analysis, kb: KB) -> list[Finding]:
    day = a.article.published
    if not day or not a.titles:
        return []
    if is_transcript(a.article.text):
        # people speak loosely ("President Trump" for a former president); reporters and
        # official texts are held to the record, live speech is not
        return []
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for t in a.titles:
        actor = kb.get(t.actor)
        if actor is None or not actor.roles:
            continue
        if _quoted_or_transcript(a.article.text, t.start):
            continue
        words = _words(t.text)
        head = _head(words)
        if head is None:
            continue
        if actor.gender == "male" and feminine_title(t.text):
            # "la presidenta" linked to López Obrador: the link is wrong, not the title
            continue
        spec = parse_title(kb, t.text)
        qualifier = spec.qualifier
        # "President-elect" is an office of its own in the KB (the weeks before taking office);
        # a "nominee" or "designate" is named for an office not yet taken up
        elect = any(w.endswith("-elect") or w == "elect" for w in words)
        title_text = t.text
        if any(w in _NOMINEE for w in words):
            elect = True
            title_text = " ".join(w for w in t.text.split() if norm(w) not in _NOMINEE)
        # the roles of the same kind of office ("secretary", "president" …)
        same_kind = [
            r for r in actor.roles
            if head in {_head(_words(v)) for v in (r.title, *r.variants)}
        ]  # fmt: skip
        if not same_kind:
            continue
        status = kb.match_title(t.actor, title_text, day)
        name = actor.name
        if status == "never":
            if title_text != t.text:
                continue  # "his nominee for commerce secretary": a description, not a title
            if not _is_mismatch(kb, spec.country, _content(words), head, same_kind):
                continue
            key = ("title_mismatch", t.actor, norm(t.text))
            if key in seen:
                continue
            seen.add(key)
            current = kb.roles_at(t.actor, day)
            held = "; ".join(_describe(r) for r in (current or same_kind)[:2])
            out.append(_finding(
                "title_mismatch", a, t,
                f"{name} is called “{t.text}”, a title {name} is not recorded as holding; "
                f"on {day} the knowledge base holds: {held}.",
            ))  # fmt: skip
            continue
        if t.historical:
            continue
        problem = None
        severity = "warning"
        if qualifier == "former" and status == "current":
            role = next((r for r in kb.roles_at(t.actor, day) if r in same_kind), same_kind[0])
            problem = (f"{name} is called “{t.text}”, but on {day} {name} holds that office "
                       f"({_describe(role)}).")
        elif elect and status == "future":
            pass  # named for an office not yet taken up: right
        elif elect and status == "former":
            taken = [r for r in kb.roles_at(t.actor, day) if r in same_kind]
            since = f" ({_describe(taken[0])})" if taken else ""
            problem = (f"{name} is called “{t.text}”, but on {day} {name} has already taken "
                       f"office{since}.")
        elif qualifier in (None, "current") and status == "former":
            last = max((r for r in same_kind if r.end and r.end < day), key=lambda r: r.end or "")
            problem = (f"{name} is called “{t.text}” as if in office, but left it on {last.end} "
                       f"({_describe(last)}); on {day} “former” would be right.")
            # a courtesy title kept after leaving office is a style lapse more often than a
            # factual error ("President Biden's regulations" in 2025): reported, not alarmed
            severity = "info"
        elif qualifier == "future" and status in ("current", "former"):
            problem = (f"{name} is called “{t.text}”, but on {day} the office had already been "
                       f"taken up ({_describe(same_kind[0])}).")
        elif qualifier in (None, "current") and status == "future":
            first = min((r for r in same_kind if r.start), key=lambda r: r.start or "")
            problem = (f"{name} is called “{t.text}”, but only takes that office on "
                       f"{first.start}.")
        if problem:
            key = ("role_anachronism", t.actor, norm(t.text))
            if key not in seen:
                seen.add(key)
                out.append(_finding("role_anachronism", a, t, problem, severity))
    return out

