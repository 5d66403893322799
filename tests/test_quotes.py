"""Quotations: direct quotes, reported speech, speakers (pw_quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.nlp.quotes import find_direct_quotes, find_turns

SEED_A = "000_4505c872608d7270.txt"
SEED_B = "001_cd724d16e6650678.txt"


def _seed(shared: Path, name: str) -> str:
    return (shared / "corpus" / "seeds" / name).read_text(encoding="utf-8")


def _upto(nlp, text: str, last: str = "pw_quotes"):  # type: ignore[no-untyped-def]
    """The real pipeline, run up to and including ``last`` (later components are not ours)."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == last:
            break
    return doc


def _quotes(nlp, text: str):  # type: ignore[no-untyped-def]
    return _upto(nlp, text)._.pw_quotes


def _one(quotes, needle: str):  # type: ignore[no-untyped-def]
    hits = [q for q in quotes if needle in q.text]
    assert hits, f"no quote containing {needle!r} in {[q.text for q in quotes]}"
    return hits[0]


# --- the quote-mark scanner ------------------------------------------------------


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Mexico’s president said the countries’ talks went ‘very well indeed’ and won’t stop."
    quotes = find_direct_quotes(text)
    assert [q.text for q in quotes] == ["very well indeed"]


def test_every_quote_style_is_found_without_marks() -> None:
    text = 'A “curly one here”, a "straight one here", «guillemets ici bien», ‘single one here’.'
    assert [q.text for q in find_direct_quotes(text)] == [
        "curly one here", "straight one here", "guillemets ici bien", "single one here",
    ]


def test_offsets_point_at_the_text_without_marks() -> None:
    text = 'She said, “We will never accept it.”'
    (q,) = find_direct_quotes(text)
    assert text[q.start : q.end] == q.text == "We will never accept it."


def test_quote_spanning_paragraphs_reopened_each_paragraph() -> None:
    text = "He said: “First paragraph of the quote.\n“Second paragraph ends it.”\nAfter."
    (q,) = find_direct_quotes(text)
    assert q.text.startswith("First paragraph") and q.text.endswith("ends it.")
    assert "“" not in q.text


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = "An “unclosed mark here.\n\nA new paragraph that goes on " + "and on " * 50
    assert find_direct_quotes(text) == []


def test_transcript_labels_are_turns() -> None:
    text = "MS. LEAVITT:  Good afternoon.\n\nQ    Thank you.\n\nTHE PRESIDENT:  We did it."
    assert [t.label for t in find_turns(text)] == ["MS. LEAVITT", "Q", "THE PRESIDENT"]


# --- attribution ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        ("Sheinbaum said, “We will never accept troops on our soil.”", "never accept", "Sheinbaum"),
        ("“We will never accept troops on our soil,” said Sheinbaum.", "never accept", "Sheinbaum"),
        ("“We will never accept troops,” Sheinbaum said, “not now and not ever.”",
         "not now and not ever", "Sheinbaum"),
        ("According to Ebrard, “the talks are going very well for both sides.”",
         "talks are going", "Ebrard"),
        ("Ebrard on Tuesday: “The talks are going very well for both sides.”",
         "talks are going", "Ebrard"),
        ("“The talks are going very well for both sides” — Marcelo Ebrard", "talks are going",
         "Marcelo Ebrard"),
        ("The council echoed the concern, declaring it “crystal clear that Mexico must act now.”",
         "crystal clear", "The council"),
    ],
)
def test_direct_quote_speaker_positions(nlp, text: str, needle: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(_quotes(nlp, text), needle)
    assert q.kind == "direct"
    assert q.speaker_text == speaker


def test_scare_quotes_and_names_are_not_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(
        nlp, 'Officials said "El Mayo" was flown to Texas under the "Remain in Mexico" plan.'
    )
    assert all(q.kind != "direct" for q in quotes)


def test_reported_speech_content_and_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The minister acknowledged that the border was still open to traffickers."
    quotes = _quotes(nlp, text)
    q = _one(quotes, "border was still open")
    assert q.kind == "indirect" and q.cue == "acknowledge" and q.speaker_text == "The minister"
    assert not q.text.startswith("that")


def test_inanimate_subjects_do_not_speak(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "These alarming statistics underscore the urgent need for action on guns."
    quotes = _quotes(nlp, text)
    assert quotes == []


def test_first_person_in_running_text_is_not_attributed(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _quotes(nlp, "I think that the tariffs will hurt farmers in both countries.") == []


def test_transcript_turn_gives_first_person_speech_its_label(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "THE PRESIDENT:  I said that Mexico must stop the fentanyl at the border.\n\nQ    Sir?"
    q = _one(_quotes(nlp, text), "Mexico must stop")
    assert q.speaker_text == "THE PRESIDENT"


def _dated(nlp, text: str, day: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    doc = nlp.make_doc(text)
    doc._.pw_dct = dt.date.fromisoformat(day)
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "pw_quotes":
            break
    return doc._.pw_quotes


@pytest.mark.parametrize(
    ("day", "president"), [("2025-03-06", "donald-trump"), ("2024-05-03", "joe-biden")]
)
def test_the_president_label_is_the_president_of_the_documents_date(  # type: ignore[no-untyped-def]
    nlp, day: str, president: str
) -> None:
    text = (
        "THE PRESIDENT:  Thank you very much. I told them that Mexico must stop the fentanyl "
        "at the border, and I think we will see results.\n\n"
        "SECRETARY RUBIO:  We said that the cartels are terrorist organizations.\n\n"
        "Q    Mr. President, will you meet the president of Mexico?"
    )
    quotes = _dated(nlp, text, day)
    told = _one(quotes, "Mexico must stop")
    assert (told.speaker, told.speaker_text) == (president, "THE PRESIDENT")
    assert _one(quotes, "cartels are terrorist").speaker == "marco-rubio"
    # The turns themselves, "I think …" inside a turn, and the question are not quotes.
    assert not any("we will see results" in q.text or "Thank you" in q.text for q in quotes)
    assert not any("meet the president" in q.text for q in quotes)


def test_according_to_a_speaker_is_reported_speech_a_record_is_not(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(
        nlp,
        "According to Omar García Harfuch, the prisoners were taken from jails in several "
        "states. According to the agency's published figures, seizures fell last year.",
    )
    q = _one(quotes, "prisoners were taken")
    assert (q.kind, q.cue) == ("indirect", "according to")
    assert not any("seizures fell" in x.text for x in quotes)


def test_events_and_purposes_are_not_reported_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(
        nlp,
        "President Joe Biden called Sheinbaum to congratulate her. Trump agreed to pause the "
        "tariffs for one month. Business groups urged the two governments to negotiate soon.",
    )
    assert [q.text for q in quotes] == ["to negotiate soon"]


def test_partial_quote_gives_direct_and_indirect(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(
        nlp,
        "Trump said he would send troops to the border to “repel the disastrous invasion of "
        "our country.”",
    )
    assert {q.kind for q in quotes} == {"direct", "indirect"}
    assert _one(quotes, "send troops").kind == "indirect"


# --- the seeds -------------------------------------------------------------------------


def test_seed_b_direct_quotes_and_speakers(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, _seed(shared, SEED_B))
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 3
    a = _one(direct, "We will never accept the presence of the United States army")
    assert a.speaker_text == "Sheinbaum" and a.cue == "state"
    b = _one(direct, "to ensure that everything necessary is in place")
    assert b.speaker_text == "The former president"
    c = _one(direct, "crystal clear that Mexico must do more")
    assert c.speaker_text == "The U.S. National Security Council" and c.cue == "declare"
    assert not c.text.endswith(",")


def test_seed_a_reported_speech(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    quotes = _quotes(nlp, _seed(shared, SEED_A))
    noem = _one(quotes, "Mexico's efforts in fostering a positive bilateral relationship")
    assert (noem.kind, noem.speaker_text, noem.cue) == ("indirect", "Noem", "acknowledge")
    work = _one(quotes, "significant work remains in combatting drug trafficking")
    assert work.speaker_text == "Noem" and work.cue == "emphasize"
    orgs = _one(quotes, "the necessity for Sheinbaum to demand more robust actions")
    assert orgs.speaker_text == "the organizations" and orgs.cue == "stress"
    text = _seed(shared, SEED_A)
    for q in quotes:
        assert text[q.start : q.end] == q.text


def _link(doc, names: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Hand-built actor_tokens (what pw_actors writes): every token of a named entity."""
    tokens: dict[int, str] = {}
    for ent in doc.ents:
        for key, aid in names.items():
            if key in ent.text:
                for i in range(ent.start, ent.end):
                    tokens[i] = aid
    doc._.pw_scratch = doc._.pw_scratch or {}
    doc._.pw_scratch["actor_tokens"] = tokens


def test_seed_b_speakers_resolve_through_actor_tokens(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _upto(nlp, _seed(shared, SEED_B))
    _link(doc, {"Sheinbaum": "claudia-sheinbaum", "Trump": "donald-trump",
                "National Security Council": "us-national-security-council"})
    nlp.get_pipe("pw_quotes")(doc)
    quotes = doc._.pw_quotes
    assert _one(quotes, "never accept the presence").speaker == "claudia-sheinbaum"
    # "The former president": the article itself describes Trump as "former U.S. President".
    assert _one(quotes, "everything necessary is in place").speaker == "donald-trump"
    assert _one(quotes, "crystal clear").speaker == "us-national-security-council"
    # "She reiterated …": the last person mentioned as a subject.
    assert _one(quotes, "information sharing").speaker == "claudia-sheinbaum"


def test_without_actor_tokens_speaker_is_none_but_text_is_kept(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _upto(nlp, _seed(shared, SEED_B))
    doc._.pw_scratch = {}
    nlp.get_pipe("pw_quotes")(doc)
    q = _one(doc._.pw_quotes, "never accept the presence")
    assert q.speaker is None and q.speaker_text == "Sheinbaum"


def test_seed_speakers_with_the_linker(nlp, shared: Path) -> None:  # type: ignore[no-untyped-def]
    if "pw_actors" not in nlp.pipe_names:
        pytest.skip("the actors component is not in the pipeline yet")
    quotes = _quotes(nlp, _seed(shared, SEED_B))
    assert _one(quotes, "never accept the presence").speaker == "claudia-sheinbaum"
    assert _one(quotes, "everything necessary is in place").speaker == "donald-trump"


def test_cue_on_a_quoted_main_verb_takes_the_subject_outside_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    # The quoted verb is the sentence's root and "noting" hangs from it; tokens used to be
    # compared with ``is`` (never true in spaCy), so the climb looped on the root and the
    # reported clause was lost.
    text = ("Sheinbaum “rejected any foreign intervention in Mexican territory without "
            "exception,” noting that cooperation with Washington would continue.")
    q = _one(_quotes(nlp, text), "cooperation with Washington would continue")
    assert q.kind == "indirect" and q.cue == "note" and q.speaker_text == "Sheinbaum"


def test_tokens_are_never_compared_by_identity(repo: Path) -> None:
    # spaCy makes a new Token object on every access, so ``a is b`` between two tokens is
    # never true and ``a is not b`` always is: compare token indices instead. A guard for
    # the comparisons whose wrong result the parser rarely exposes ("according to" at the
    # root, the figure's own tokens, a counted noun that is also the clause subject).
    import re

    pattern = re.compile(
        r"\b(?:head|cand|root|acc|noun|tok|t|c)\s+is\s+(?:not\s+)?"
        r"(?:t|tok|cand|root|acc|noun|head)\b(?!\s*\()"
    )
    for name in ("quotes.py", "claims.py"):
        src = (repo / "src" / "presswatch" / "nlp" / name).read_text(encoding="utf-8")
        code = [ln for ln in src.splitlines() if not ln.lstrip().startswith("#")]
        hits = [ln.strip() for ln in code if pattern.search(ln.split("#")[0])]
        assert hits == [], f"{name}: token identity comparison {hits}"
