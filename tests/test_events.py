"""The PLOVER event coder on real parses, with actor tokens set by hand.

The actors component decides which tokens are which actor; here the tests set
``pw_scratch["actor_tokens"]`` themselves so that each case checks the coder alone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from presswatch.nlp.events import PLOVER_TYPES, event_id, load_lexicon
from presswatch.nlp.pipeline import make_doc
from presswatch.records import ActorRef, Article, Event

ACTORS: dict[str, tuple[str, str]] = {
    "Kristi Noem": ("kristi-noem", "person"),
    "Noem": ("kristi-noem", "person"),
    "Claudia Sheinbaum": ("claudia-sheinbaum", "person"),
    "Sheinbaum": ("claudia-sheinbaum", "person"),
    "Donald Trump": ("donald-trump", "person"),
    "Trump": ("donald-trump", "person"),
    "Joe Biden": ("joe-biden", "person"),
    "Mexico City": ("mexico-city", "city"),
    "Mexico": ("mexico", "country"),
    "Mexican": ("mexico", "country"),
    "Canada": ("canada", "country"),
    "the United States": ("united-states", "country"),
    "The United States": ("united-states", "country"),
    "the U.S.": ("united-states", "country"),
    "U.S.": ("united-states", "country"),
    "the Sinaloa Cartel": ("sinaloa-cartel", "group"),
    "Smith & Wesson": ("smith-wesson", "organization"),
}


#: The actors' countries, as the KB would give them.
COUNTRIES = {"donald-trump": "USA", "joe-biden": "USA", "kristi-noem": "USA",
             "united-states": "USA", "claudia-sheinbaum": "MEX", "mexico": "MEX",
             "canada": "CAN"}  # fmt: skip


def code(nlp: Any, text: str, dct: str = "2025-03-31", article_id: str = "t1") -> list[Event]:
    """Run the real pipeline up to pw_events, set the actor tokens, then code events."""
    doc = make_doc(nlp, Article(id=article_id, text=text, published=dct))
    for name, proc in nlp.pipeline:
        if name == "pw_events":
            break
        doc = proc(doc)
    tokens: dict[int, str] = {}
    refs: dict[str, ActorRef] = {}
    taken: set[int] = set()
    for surface in sorted(ACTORS, key=len, reverse=True):
        aid, kind = ACTORS[surface]
        for m in re.finditer(r"\b" + re.escape(surface) + r"(?!\w)", text):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            taken.update(range(m.start(), m.end()))
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            for t in span:
                tokens[t.i] = aid
            refs[aid] = ActorRef(id=aid, name=surface, kind=kind, country=COUNTRIES.get(aid))
    if tokens:
        # the table names someone: those are the actors; else NER entities stand in,
        # as they do without an actors component
        scratch = dict(doc._.pw_scratch or {})
        scratch["actor_tokens"] = tokens
        doc._.pw_scratch = scratch
        doc._.pw_actors = refs
    else:
        scratch = {k: v for k, v in (doc._.pw_scratch or {}).items() if k != "actor_tokens"}
        doc._.pw_scratch = scratch
        doc._.pw_actors = {}
    doc = nlp.get_pipe("pw_events")(doc)
    return list(doc._.pw_events)


def one(events: list[Event], type_: str) -> Event:
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} in {[(e.type, e.trigger) for e in events]}"
    return found[0]


def test_lexicon_uses_only_plover_types() -> None:
    lex = load_lexicon()
    assert set(lex.types) == set(PLOVER_TYPES)
    entries = [e for es in (*lex.verbs.values(), *lex.nouns.values()) for e in es]
    entries += [p[2] for p in lex.phrases]
    assert len(entries) > 200
    for e in entries:
        assert e.type in PLOVER_TYPES, e
        assert lex.goldstein_for(e.cameo) is not None, e


def test_verbal_consult_with_location(nlp: Any) -> None:
    e = one(code(nlp, "Kristi Noem met with Claudia Sheinbaum in Mexico City on Friday."),
            "CONSULT")  # fmt: skip
    assert e.source == ("kristi-noem",)
    assert e.target == ("claudia-sheinbaum",)
    assert e.location == "mexico-city"
    assert e.modality == "asserted"
    assert e.trigger == "met"
    assert e.cameo == "040" and e.goldstein is not None


def test_sentence_offsets_and_stable_id(nlp: Any) -> None:
    text = "Mexico is calm. Kristi Noem met with Claudia Sheinbaum on Friday."
    e1 = one(code(nlp, text), "CONSULT")
    e2 = one(code(nlp, text), "CONSULT")
    e3 = one(code(nlp, text, article_id="other"), "CONSULT")
    assert (
        text[e1.start : e1.end]
        == e1.sentence
        == "Kristi Noem met with Claudia Sheinbaum on Friday."
    )
    assert e1.id == e2.id != e3.id
    assert e1.id == event_id("t1", e1.start, e1.end, "CONSULT", text.index("met"))


def test_phone_modes_verbal_and_nominal(nlp: Any) -> None:
    e = one(code(nlp, "Donald Trump spoke by telephone with Claudia Sheinbaum."), "CONSULT")
    assert e.mode == "phone" and e.source == ("donald-trump",)
    e = one(code(nlp, "The deal followed a phone call between Trump and Sheinbaum."), "CONSULT")
    assert e.mode == "phone"
    assert e.source == ("donald-trump",) and e.target == ("claudia-sheinbaum",)


def test_passive_agent_is_source(nlp: Any) -> None:
    e = one(code(nlp, "Two Mexican soldiers were kidnapped by the Sinaloa Cartel."), "ASSAULT")
    assert e.mode == "abduct"
    assert e.source == ("sinaloa-cartel",)
    assert e.target == ("mexico",)


def test_coordinated_targets_are_one_list(nlp: Any) -> None:
    evs = code(nlp, "The United States blamed Mexico and Canada for the influx of fentanyl.")
    acc = [e for e in evs if e.type == "ACCUSE"]
    assert len(acc) == 1
    assert acc[0].source == ("united-states",)
    assert acc[0].target == ("mexico", "canada")
    assert "illegal_drugs" in acc[0].context


def test_conjoined_verbs_are_separate_events(nlp: Any) -> None:
    evs = code(nlp, "Sheinbaum praised Trump and criticized Canada.")
    sup, acc = one(evs, "SUPPORT"), one(evs, "ACCUSE")
    assert sup.source == acc.source == ("claudia-sheinbaum",)
    assert sup.target == ("donald-trump",) and acc.target == ("canada",)


@pytest.mark.parametrize(
    ("text", "type_", "modality"),
    [
        # a refused cooperation is a REJECT, and the refusal is what is said: its modality
        # is the refusal's (asserted, or future for "will never accept"), not negated
        ("Mexico did not agree to the plan.", "REJECT", "asserted"),
        ("Mexico will never accept the presence of the U.S. army.", "REJECT", "future"),
        ("Sheinbaum said Mexico would not accept any intervention.", "REJECT", "future"),
        # a negation that does not change the type keeps saying the event did not happen
        ("Mexico did not threaten the United States.", "THREATEN", "negated"),
        ("President Trump proposed to send troops into Mexico.", "MOBILIZE", "hypothetical"),
        (
            "The United States could deploy troops to Mexico if the cartels grow.",
            "MOBILIZE",
            "hypothetical",
        ),
        ("During his first term, Trump had imposed tariffs on Mexico.", "SANCTION", "historical"),
        ("The United States plans to send troops to Mexico.", "MOBILIZE", "future"),
        ("Donald Trump imposed tariffs on Mexico.", "SANCTION", "asserted"),
    ],
)
def test_modality(nlp: Any, text: str, type_: str, modality: str) -> None:
    e = one(code(nlp, text), type_)
    assert e.modality == modality, (text, e)


def test_future_cooperation_is_agree_with_intent_code(nlp: Any) -> None:
    # PLOVER codebook: "All cooperative actions reported in future tense are also taken
    # to imply intentions" -> AGREE; the CAMEO code keeps what was intended (036: to meet).
    e = one(code(nlp, "Noem will meet Sheinbaum in Mexico City."), "AGREE")
    assert e.modality == "future" and e.cameo == "036"
    assert e.source == ("kristi-noem",) and e.target == ("claudia-sheinbaum",)


def test_agree_to_cooperate_is_one_event(nlp: Any) -> None:
    evs = code(nlp, "Mexico agreed to share intelligence with the United States.")
    assert [e.type for e in evs] == ["AGREE"]
    assert evs[0].cameo == "031" and evs[0].source == ("mexico",)


def test_agreeing_to_a_concession_is_concede(nlp: Any) -> None:
    # PLOVER CONCEDE covers "promises of future concessions" (easing restrictions),
    # so agreeing to pause tariffs is one CONCEDE, not an AGREE
    evs = code(nlp, "Trump agreed on Monday to pause the tariffs on Mexican goods.")
    assert [e.type for e in evs] == ["CONCEDE"]
    assert evs[0].source == ("donald-trump",) and evs[0].modality == "asserted"


def test_meeting_as_time_or_purpose_takes_the_clause_subject(nlp: Any) -> None:
    e = one(code(nlp, "Marcelo Ebrard returned to Washington for talks with Howard Lutnick."),
            "CONSULT")  # fmt: skip
    assert e.source == ("marcelo-ebrard",) and e.target == ("howard-lutnick",)


def test_coordinated_parties_of_a_call_are_source_and_target(nlp: Any) -> None:
    e = one(code(nlp, "Sheinbaum and Trump spoke by phone on Monday."), "CONSULT")
    assert e.source == ("claudia-sheinbaum",) and e.target == ("donald-trump",)


def test_destination_hung_under_the_object(nlp: Any) -> None:
    text = ("Mexico transferred 29 people accused of drug trafficking to the United States "
            "on Thursday.")  # fmt: skip
    e = one(code(nlp, text), "COOPERATE")
    assert e.source == ("mexico",) and e.target == ("united-states",)


def test_rejected_thing_names_its_owner(nlp: Any) -> None:
    # the side whose proposal or aircraft is refused is the target
    e = one(code(nlp, "Sheinbaum rejected a proposal for U.S. troops to operate in Mexico."),
            "REJECT")  # fmt: skip
    assert e.source == ("claudia-sheinbaum",) and e.target == ("united-states",)
    e = one(code(nlp, "Mexico declined to let a U.S. military aircraft land."), "REJECT")
    assert e.source == ("mexico",) and e.target == ("united-states",)


def test_threat_with_tariff_mode(nlp: Any) -> None:
    evs = code(nlp, "Donald Trump threatened to impose tariffs on Mexico.")
    thr = one(evs, "THREATEN")
    assert thr.source == ("donald-trump",) and thr.modality == "asserted"
    san = one(evs, "SANCTION")
    assert san.mode == "tariff" and san.modality == "hypothetical"
    assert san.target == ("mexico",) and "economic" in san.context


def test_reported_speech_keeps_embedded_source(nlp: Any) -> None:
    evs = code(nlp, "Sheinbaum said Mexico would accept deportation flights from the U.S.")
    agree = one(evs, "AGREE")
    assert agree.source == ("mexico",)
    assert "migration" in agree.context


def test_nominal_triggers(nlp: Any) -> None:
    evs = code(nlp, "Mexico's acceptance of the plan was welcomed in Washington.")
    assert one(evs, "AGREE").source == ("mexico",)
    evs = code(nlp, "Mexico filed legal action against Smith & Wesson.")
    acc = one(evs, "ACCUSE")
    assert acc.source == ("mexico",) and acc.target == ("smith-wesson",)
    assert "legal" in acc.context
    evs = code(nlp, "Mexican police foiled an attempted kidnapping of Sheinbaum.")
    ab = one(evs, "ASSAULT")
    assert ab.mode == "abduct" and ab.target == ("claudia-sheinbaum",)


def test_request_and_modal_demand(nlp: Any) -> None:
    req = one(code(nlp, "Noem urged Mexico to stop the flow of fentanyl."), "REQUEST")
    assert req.source == ("kristi-noem",) and req.target == ("mexico",)
    req = one(code(nlp, "The United States declared that Mexico must do more."), "REQUEST")
    assert req.source == ("united-states",) and req.target == ("mexico",)


def test_no_actor_no_event(nlp: Any) -> None:
    assert code(nlp, "Cooperation matters and talks are useful.") == []


def test_background_descriptions_are_not_events(nlp: Any) -> None:
    # a relative clause or participle describing a participant reports nothing new
    evs = code(nlp, "Sheinbaum, who criticized Canada last year, met Trump on Friday.")
    assert [e.type for e in evs] == ["CONSULT"], evs
    evs = code(nlp, "Noem visited a prison that holds Venezuelans deported from the United States.")
    assert not any(e.type == "COERCE" for e in evs), evs
    # ... but "where"/"in which" clauses tell what happened on the occasion
    evs = code(nlp, "Noem concluded a visit to Mexico, where she met with Claudia Sheinbaum.")
    assert any(e.type == "CONSULT" and e.target == ("claudia-sheinbaum",) for e in evs), evs


def test_phone_call_verb_and_naming(nlp: Any) -> None:
    text = "In Washington, President Joe Biden called Sheinbaum to congratulate her."
    call = one(code(nlp, text), "CONSULT")
    assert (call.mode, call.source, call.target) == (
        "phone",
        ("joe-biden",),
        ("claudia-sheinbaum",),
    )
    evs = code(nlp, "Sheinbaum rejected the claim, calling it slander.")
    assert not any(e.type == "CONSULT" for e in evs), evs


def test_transfer_of_cartel_figures_to_a_country(nlp: Any) -> None:
    e = one(code(nlp, "Mexico sent 35 cartel figures to the United States."), "COOPERATE")
    assert (e.source, e.target, e.cameo) == (("mexico",), ("united-states",), "063")


def test_target_under_the_object(nlp: Any) -> None:
    text = "Donald Trump imposed tariffs of 25 percent on goods from Mexico and Canada."
    e = one(code(nlp, text), "SANCTION")
    assert set(e.target) == {"mexico", "canada"}, e


def test_first_person_in_a_quote_is_its_speaker(nlp: Any) -> None:
    from presswatch.records import Quote

    text = 'Sheinbaum said: "We reject the proposal." Later Trump spoke.'
    doc = make_doc(nlp, Article(id="q", text=text, published="2025-03-31"))
    for name, proc in nlp.pipeline:
        if name == "pw_events":
            break
        doc = proc(doc)
    start = text.index("We")
    doc._.pw_quotes = [Quote(text="We reject the proposal.", start=start, end=start + 23,
                             kind="direct", speaker="claudia-sheinbaum")]  # fmt: skip
    doc._.pw_scratch = {**(doc._.pw_scratch or {}), "actor_tokens": {}}
    ref = ActorRef(id="claudia-sheinbaum", name="Claudia Sheinbaum", kind="person")
    doc._.pw_actors = {"claudia-sheinbaum": ref}
    doc = nlp.get_pipe("pw_events")(doc)
    rej = one(list(doc._.pw_events), "REJECT")
    assert rej.source == ("claudia-sheinbaum",), rej


# -- issue 5, third round: intent adjectives, protest purposes, group actors, targets --


def test_willing_to_withdraw_is_an_agree_with_the_place_as_target(nlp: Any) -> None:
    evs = code(nlp, "Mexico said it is willing to withdraw its troops from the United States.")
    agree = one(evs, "AGREE")
    assert agree.source == ("mexico",) and agree.target == ("united-states",)
    assert agree.trigger == "willing"
    assert not [e for e in evs if e.type == "RETREAT"]  # folded into the offer


def test_ready_to_send_troops_is_future_not_done(nlp: Any) -> None:
    e = one(code(nlp, "Mexico is ready to send troops to the border."), "MOBILIZE")
    assert e.modality == "future"


def test_the_demand_of_a_protest_is_the_protest(nlp: Any) -> None:
    evs = code(nlp, "Thousands of farmers staged demonstrations in Mexico City on Monday to "
                    "demand water from the United States.")  # fmt: skip
    protest = one(evs, "PROTEST")
    assert protest.source == ("farmers",)  # the agent table makes farmers a group
    assert protest.target == ("united-states",)
    assert not [e for e in evs if e.type == "REQUEST"]


def test_a_protest_with_no_addressee_is_aimed_at_the_place(nlp: Any) -> None:
    e = one(code(nlp, "Hundreds of students demonstrated in Mexico on Sunday."), "PROTEST")
    assert e.target == ("mexico",)


def test_group_actors_only_from_collective_sectors(nlp: Any) -> None:
    # rebels are a party; automakers (business) warning about prices make no threat
    e = one(code(nlp, "Rebels attacked a convoy of Mexican soldiers."), "ASSAULT")
    assert e.source == ("rebels",)
    evs = code(nlp, "Several automakers warned that the tariffs would be charged twice.")
    assert not [e for e in evs if "automakers" in e.source]


def test_insist_is_a_demand_only_with_what_should_be_done(nlp: Any) -> None:
    assert one(code(nlp, "Trump insisted that Mexico stop the flow of fentanyl."), "REQUEST")
    evs = code(nlp, "Sheinbaum insisted the violence reflected old rivalries between gangs.")
    assert not [e for e in evs if e.type == "REQUEST"]


def test_call_on_with_words_between(nlp: Any) -> None:
    evs = code(nlp, "Sheinbaum called Thursday on Canada to unite and mobilize against the "
                    "cartels.")  # fmt: skip
    req = one(evs, "REQUEST")
    assert req.source == ("claudia-sheinbaum",) and req.target == ("canada",)
    # what she asked for is not a mobilisation that happened
    assert all(e.modality != "asserted" for e in evs if e.type == "MOBILIZE")


def test_sworn_in_is_no_promise(nlp: Any) -> None:
    evs = code(nlp, "Claudia Sheinbaum was sworn in as president of Mexico on Tuesday.")
    assert not [e for e in evs if e.type == "AGREE"]


def test_threat_to_break_relations_is_one_threat_with_its_target(nlp: Any) -> None:
    evs = code(nlp, "Mexico threatened on Monday to break relations with Canada unless "
                    "the United States closed its base.")  # fmt: skip
    threats = [e for e in evs if e.type == "THREATEN"]
    assert len(threats) == 1, [(e.type, e.trigger) for e in evs]
    assert threats[0].source == ("mexico",) and threats[0].target == ("canada",)


def test_failure_to_arrest_is_not_an_arrest(nlp: Any) -> None:
    evs = code(nlp, "Canada's failure to arrest traffickers worried the United States.")
    assert all(e.modality == "negated" for e in evs if e.type == "COERCE")


def test_peacekeepers_are_aid_and_lifting_a_ban_a_concession(nlp: Any) -> None:
    e = one(code(nlp, "Canada deployed peacekeepers to Mexico."), "AID")
    assert e.cameo == "074"
    e = one(code(nlp, "Mexico lifted a ban on the Sinaloa Cartel's party."), "CONCEDE")
    assert e.cameo == "0812"


def test_a_condition_of_a_demand_has_not_happened(nlp: Any) -> None:
    evs = code(nlp, "Mexico said the Sinaloa Cartel must agree to a truce before Canada "
                    "withdraws its troops.")  # fmt: skip
    assert one(evs, "RETREAT").modality == "hypothetical"
    assert one(evs, "AGREE").modality == "hypothetical"  # "must agree": required, not done
    evs = code(nlp, "Sheinbaum rejected an invitation to attend a meeting with Trump.")
    assert all(e.modality != "asserted" for e in evs if e.type == "CONSULT"), evs


# -- news precision: everyday senses and non-events a reader would not list -------


@pytest.mark.parametrize(
    "text",
    [
        "Ebrard said half of Mexico's exports already met the treaty's rules.",  # everyday sense
        "Our goal is to reach zero tariffs for Mexican products, said Ebrard.",  # a goal
        "Critics in Mexico warned that the pause only delayed the problem.",  # no threat
        "The State Department had offered a reward for information on Zambada.",
        "Kristi Noem visited a maximum-security prison in El Salvador.",  # a place, no party
        "Trump said he would send troops to repel the invasion of our country.",  # rhetoric
        "Sheinbaum planned to announce her plan at a rally in Mexico City.",  # an occasion
    ],
)
def test_non_events_a_reader_would_not_list(nlp: Any, text: str) -> None:
    evs = code(nlp, text)
    bad = {"CONSULT", "SANCTION", "THREATEN", "AGREE", "PROTEST"}
    assert not [(e.type, e.trigger) for e in evs if e.type in bad], evs


def test_congratulating_in_a_call_is_done_and_ordered_arrests_are_not(nlp: Any) -> None:
    e = one(code(nlp, "Joe Biden called Sheinbaum to congratulate her."), "SUPPORT")
    assert e.modality == "asserted" and e.source == ("joe-biden",)
    evs = code(nlp, "Trump ordered Mexico to step up arrests of cartel members.")
    assert one(evs, "COERCE").modality == "hypothetical"
    # a document noun does what it says: "orders imposing a tariff" impose it
    evs = code(nlp, "Trump signed orders imposing a 25 percent tariff on Mexico.")
    assert one(evs, "SANCTION").modality == "asserted"


def test_topics_of_a_discussion_through_coordination(nlp: Any) -> None:
    evs = code(nlp, "Noem and Sheinbaum discussed migration and the deployment of Mexican "
                    "troops on the border.")  # fmt: skip
    assert not [e for e in evs if e.type == "MOBILIZE"]
    assert one(evs, "CONSULT")


def test_questions_appeals_at_home_and_negated_predicates_are_no_events(nlp: Any) -> None:
    # a question asserts nothing
    evs = code(nlp, "Does Mexico accept that there are fentanyl labs in Sinaloa?")
    assert not evs, evs
    # a proclamation's appeal to one's own people is no request between actors
    evs = code(nlp, "Donald Trump called upon the United States to observe this day.")
    assert not [e for e in evs if e.type == "REQUEST"], evs
    # ... but an appeal abroad is
    assert one(code(nlp, "Donald Trump called upon Mexico to do more."), "REQUEST")
    # "did not come up during our meetings": the meeting is not refused
    evs = code(nlp, "The topic did not come up during the meetings with Mexico.")
    assert not [e for e in evs if e.type == "REJECT"], evs


def test_sourceless_harm_that_could_happen_is_no_attack(nlp: Any) -> None:
    evs = code(nlp, "The fentanyl seized this year could have killed 16 million Americans.")
    assert not [e for e in evs if e.type == "ASSAULT"], evs
    evs = code(nlp, "Joe Biden mobilized a full federal response to save lives.")
    assert not [e for e in evs if e.type == "MOBILIZE"], evs


def test_recall_words_charges_strikes_and_looking_forward(nlp: Any) -> None:
    e = one(code(nlp, "Prosecutors said the Sinaloa Cartel faces drug trafficking charges "
                      "in the United States."), "ACCUSE")  # fmt: skip
    # the subject is charged, and charges in the United States are its courts'
    assert e.source == ("united-states",) and e.target == ("sinaloa-cartel",)
    e = one(code(nlp, "The United States struck a boat in the Caribbean."), "ASSAULT")
    assert e.source == ("united-states",)
    e = one(code(nlp, "Joe Biden said he looked forward to working with Sheinbaum."), "AGREE")
    assert e.target == ("claudia-sheinbaum",)
    evs = code(nlp, "Joe Biden wished her well and looked forward to her leadership.")
    assert not [e for e in evs if e.type == "AGREE"], evs
    e = one(code(nlp, "The Supreme Court dismissed Mexico's lawsuit against Smith & Wesson."),
            "REJECT")  # fmt: skip
    assert e.target == ("mexico",)


def test_a_speech_act_without_addressee_goes_to_the_articles_other_party(nlp: Any) -> None:
    text = ("Trump spoke with Sheinbaum about the United States and its tariffs. "
            "The United States wants more. Sheinbaum said Mexico would cooperate.")  # fmt: skip
    e = one(code(nlp, text), "AGREE")
    assert e.source == ("mexico",) and e.target == ("united-states",)
    plain = one(code(nlp, "Sheinbaum said Mexico would cooperate."), "AGREE")
    assert plain.target == () and e.confidence < 0.95  # named nowhere: no addressee
    # a round-up of several countries names no single other party
    text = ("Canada and the United States met. Canada, Canada and the United States "
            "spoke. Sheinbaum said Mexico would cooperate.")  # fmt: skip
    assert one(code(nlp, text), "AGREE").target == ()


def test_an_agentless_arrest_or_deportation_is_the_states_of_the_place(nlp: Any) -> None:
    # the whole pipeline: the KB knows El Paso is in the United States
    text = "Ismael Zambada was arrested on Thursday at an airfield near El Paso, Texas."
    doc = nlp(make_doc(nlp, Article(id="t", text=text, published="2024-07-26")))
    e = one(list(doc._.pw_events), "COERCE")
    assert e.source == ("united-states",) and e.target == ("ismael-zambada",)
    assert one(code(nlp, "Kristi Noem was arrested in Mexico City."), "COERCE").source == ()
    evs = code(nlp, "Two Mexican soldiers were deported from the United States.")
    e = one(evs, "COERCE")
    assert e.source == ("united-states",) and e.target == ("mexico",)


def test_working_with_pursuing_and_welcoming_without_a_named_addressee(nlp: Any) -> None:
    e = one(code(nlp, "The ATF is working with Mexico to trace weapons."), "COOPERATE")
    assert e.target == ("mexico",)
    evs = code(nlp, "Sheinbaum said the plan was working well.")
    assert not [e for e in evs if e.type == "COOPERATE"], evs  # working with nobody
    e = one(code(nlp, "Canada had pursued Joe Biden for decades."), "ACCUSE")  # a person
    assert e.target == ("joe-biden",) and e.mode == "investigate"
    assert not code(nlp, "Mexico will pursue policies that protect migrants.")
    text = ("Mexico sent 29 prisoners to the United States. The United States thanked "
            "Mexico. Kristi Noem welcomed the transfer.")  # fmt: skip
    e = next(e for e in code(nlp, text) if e.trigger == "welcomed")
    assert e.type == "SUPPORT" and e.target == ("mexico",)


def test_plans_and_obligations_are_not_calls_made_or_refused(nlp: Any) -> None:
    evs = code(nlp, "Trump said he was going to call Sheinbaum, but now he does not have "
                    "to call Sheinbaum.")  # fmt: skip
    # one call, told twice, never made: hypothetical, not asserted and not refused
    assert [(e.type, e.modality) for e in evs] == [("CONSULT", "hypothetical")], evs
    e = one(code(nlp, "Trump is going to call Sheinbaum."), "AGREE")  # a future meeting
    assert e.modality == "future"


def test_an_orders_directives(nlp: Any) -> None:
    # "subject to … duty" is the order's tariff; "not subject to" an exemption
    e = one(code(nlp, "All articles that are products of Mexico shall be subject to an "
                      "additional 25 percent ad valorem rate of duty."), "SANCTION")  # fmt: skip
    assert e.target == ("mexico",) and e.modality == "asserted" and e.mode == "tariff"
    e = one(code(nlp, "Goods of Canada shall not be subject to the additional rate of duty."),
            "CONCEDE")  # fmt: skip
    assert e.target == ("canada",)
    assert not code(nlp, "The officers from Mexico were on duty at the border.")
    # an order's passive "shall" is done by the order, not promised
    e = one(code(nlp, "The additional tariffs on products of Mexico shall be paused."),
            "CONCEDE")  # fmt: skip
    assert e.modality == "asserted" and e.target == ("mexico",)
    e = one(code(nlp, "Trump decided to impose tariffs on articles that are products of "
                      "Mexico."), "SANCTION")  # fmt: skip
    assert e.target == ("mexico",)
    # "Should Mexico retaliate, …" is a condition, not a demand
    evs = code(nlp, "Should the government of Mexico retaliate, Trump may increase tariffs.")
    assert not [e for e in evs if e.type == "REQUEST"], evs


def test_a_mandative_subjunctive_is_asked_for_not_done(nlp: Any) -> None:
    evs = code(nlp, "Canada repeated its demand today that Mexico ease restrictions on "
                    "trucks.")  # fmt: skip
    assert one(evs, "CONCEDE").modality == "hypothetical"
    evs = code(nlp, "Canada said today that Mexico eased restrictions on trucks.")
    assert one(evs, "CONCEDE").modality == "asserted"


def test_a_concession_told_without_its_addressee_goes_to_the_other_party(nlp: Any) -> None:
    text = ("Trump spoke with Sheinbaum about Mexico and its tariffs. Mexico sent troops. "
            "Trump paused the tariffs.")  # fmt: skip
    e = one(code(nlp, text), "CONCEDE")
    assert e.source == ("donald-trump",) and e.target == ("mexico",)


def test_accepting_deportation_flights_is_done_and_a_meeting_retold_is_one(nlp: Any) -> None:
    e = one(code(nlp, "Mexico's acceptance of deportation flights from the United States "
                      "was welcomed."), "COOPERATE")  # fmt: skip
    assert e.source == ("mexico",) and "migration" in e.context
    text = ("Kristi Noem met Claudia Sheinbaum on Friday. The talks were long. "
            "Noem concluded a visit to Mexico, where she met with Sheinbaum.")  # fmt: skip
    meetings = [e for e in code(nlp, text) if e.type == "CONSULT" and e.trigger == "met"]
    assert len(meetings) == 1, meetings
    # two meetings on different days stay two
    text = ("Kristi Noem met Claudia Sheinbaum on March 28. Noem met with Sheinbaum again "
            "on April 2.")  # fmt: skip
    assert len([e for e in code(nlp, text) if e.type == "CONSULT"]) == 2


def test_somebodys_claim_or_allegation_that_is_an_accusation(nlp: Any) -> None:
    e = one(code(nlp, "Canada's claim that Mexico protects the Sinaloa Cartel angered "
                      "Sheinbaum."), "ACCUSE")  # fmt: skip
    assert e.source == ("canada",) and e.target == ("mexico",)
    e = one(code(nlp, "Mexico's allegation that the United States armed the cartels "
                      "angered Trump."), "ACCUSE")  # fmt: skip
    assert e.target == ("united-states",)
    evs = code(nlp, "A federal law shields the companies from claims that they armed Mexico.")
    assert not [e for e in evs if e.type == "ACCUSE"], evs


def test_conjoined_measures_with_their_own_targets_are_separate_sanctions(nlp: Any) -> None:
    text = ("Trump signed orders imposing a 25 percent tariff on imports from Mexico and "
            "Canada and a 10 percent tariff on goods from the United States.")  # fmt: skip
    evs = code(nlp, text)
    sanctions = sorted((e.target for e in evs if e.type == "SANCTION"), key=len)
    assert sanctions == [("united-states",), ("mexico", "canada")], evs
    evs = code(nlp, "Donald Trump imposed tariffs on Mexico and Canada.")  # one measure
    assert [e.target for e in evs if e.type == "SANCTION"] == [("mexico", "canada")]


def test_a_promised_concession_stays_a_concession(nlp: Any) -> None:
    # PLOVER codes "promises of future concessions" as CONCEDE, not as an intent (AGREE)
    evs = code(nlp, "Mexico decided to allow Joe Biden to run.")
    ev = one(evs, "CONCEDE")
    assert ev.modality == "future" and ev.source == ("mexico",) and ev.target == ("joe-biden",)
    assert not [e for e in evs if e.type == "AGREE"], evs


def _full(nlp: Any, text: str, url: str | None = None) -> list[Event]:
    """The whole pipeline (actors included) on one text."""
    doc = nlp(make_doc(nlp, Article(id="w", text=text, published="2025-03-03", url=url)))
    return list(doc._.pw_events)


WH = "https://www.whitehouse.gov/fact-sheets/2025/03/example/"


def test_we_in_a_governments_own_text_is_that_government(nlp: Any) -> None:
    text = "We have resumed counternarcotics cooperation with Mexico."
    assert one(_full(nlp, text, WH), "COOPERATE").source == ("united-states",)
    # in a news article "we" is nobody the coder can name
    assert not [e.source for e in _full(nlp, text) if e.source]


def test_someones_failure_to_act_is_an_accusation_in_a_governments_text(nlp: Any) -> None:
    text = (
        "Mexico's failure to arrest traffickers, seize drugs, or coordinate with U.S. "
        "law enforcement constitutes a threat."
    )
    evs = _full(nlp, text, WH)
    assert [(e.type, e.source, e.target) for e in evs] == [
        ("ACCUSE", ("united-states",), ("mexico",))
    ]
    # elsewhere the failed acts stay negated events, and no one accuses
    assert "ACCUSE" not in {e.type for e in _full(nlp, text)}
    text = "Trump imposed tariffs over Mexico's, Canada's, and China's failure to stop fentanyl."
    ev = one(_full(nlp, text, WH), "ACCUSE")
    assert set(ev.target) == {"mexico", "canada", "china"}


def test_kept_promises_and_a_fiscal_years_seizures_are_no_new_events(nlp: Any) -> None:
    text = (
        "President Trump is keeping his promise to stop the flood of drugs. "
        "Last fiscal year, Customs and Border Protection apprehended more than 21,000 "
        "pounds of fentanyl at our borders."
    )
    assert _full(nlp, text, WH) == []
    # a promise made is still one
    assert one(_full(nlp, "Trump promised Mexico a deal."), "AGREE").target == ("mexico",)


def test_the_name_right_after_a_capitalised_title_is_the_actor(nlp: Any) -> None:
    text = (
        "Rosa Icela Rodriguez hosted the United States' White House Homeland Security "
        "Advisor Dr. Liz Sherwood-Randall."
    )
    assert one(_full(nlp, text), "CONSULT").target == ("liz-sherwood-randall",)


def test_being_committed_to_work_with_someone_is_an_agree(nlp: Any) -> None:
    for text in (
        "The United States is committed to continuing to work with Mexico.",
        "Mexico is committed to cooperating with the United States.",
    ):
        evs = code(nlp, text)
        assert [e.type for e in evs] == ["AGREE"], (text, evs)
        assert {*evs[0].source, *evs[0].target} == {"united-states", "mexico"}


def test_failing_to_act_is_a_charge_only_in_a_governments_text(nlp: Any) -> None:
    text = "In March, the President determined that Canada had failed to address the situation."
    ev = one(_full(nlp, text, WH), "ACCUSE")
    assert (ev.source, ev.target, ev.modality) == (("united-states",), ("canada",), "historical")
    text = "Canada has failed to cooperate in curbing the flood of fentanyl."
    assert "ACCUSE" not in {e.type for e in _full(nlp, text)}  # a news report of it


def test_a_lowered_tariff_is_a_concession(nlp: Any) -> None:
    ev = one(code(nlp, "Trump lowered the tariffs on Mexico."), "CONCEDE")
    assert (ev.source, ev.target) == (("donald-trump",), ("mexico",))
    assert "economic" in ev.context
    # cutting aid is still a sanction
    assert one(code(nlp, "The United States cut aid to Mexico."), "SANCTION")


def test_force_made_ready_is_mobilize_and_a_readiness_to_withdraw_an_agree(nlp: Any) -> None:
    ev = one(code(nlp, "Mexico prepared to resume attacks on the Sinaloa Cartel."), "MOBILIZE")
    assert (ev.source, ev.modality, ev.trigger) == (("mexico",), "asserted", "prepared")
    ready = code(nlp, "Mexico is ready to attack the Sinaloa Cartel.")
    assert "ASSAULT" not in {e.type for e in ready}
    assert one(code(nlp, "Mexico is prepared to withdraw its troops from Canada."), "AGREE")


def test_a_vow_of_force_with_no_one_named_is_a_threat(nlp: Any) -> None:
    ev = one(code(nlp, "The rebels have sworn to fight until the end."), "THREATEN")
    assert (ev.source, ev.modality) == (("rebels",), "asserted")
    # a promise to fight something that is no actor stays a promise
    evs = code(nlp, "Claudia Sheinbaum vowed to fight corruption.")
    assert [e.type for e in evs] == ["AGREE"], evs


def test_lifting_a_curfew_is_a_concession_as_the_codebook_says(nlp: Any) -> None:
    ev = one(code(nlp, "Mexico lifted the curfew in Culiacan on Sunday."), "CONCEDE")
    assert ev.source == ("mexico",) and ev.cameo == "0813"
    assert not [e for e in code(nlp, "Mexico lifted the curfew.") if e.type == "RETREAT"]


def test_each_item_of_a_list_of_commitments_is_one_more_commitment(nlp: Any) -> None:
    text = (
        "On February 8, 2024, Mexico and the United States agreed to further engage the "
        "private sector. "
        "Fourth, to strengthen diplomatic efforts with Canada. "
        "Fifth, to develop a common drug analysis protocol. "
        "Finally, to address the crisis, Canada signed an order."
    )
    agrees = [e for e in code(nlp, text) if e.type == "AGREE"]
    assert [e.trigger for e in agrees] == ["agreed", "strengthen", "develop"]
    for e in agrees[1:]:
        assert set(e.source) == {"mexico", "united-states"} and e.modality == "asserted"
        assert e.date == "2024-02-08"  # promised when the list was
    # without a promise before it, an infinitive after a list word is nothing
    assert not code(nlp, "Fourth, to strengthen diplomatic efforts with Canada.")


def test_a_target_that_is_only_the_source_itself_is_none(nlp: Any) -> None:
    # "his" is the one who reneged: the target is whom the commitment was made to
    ev = one(code(nlp, "Claudia Sheinbaum reneged on her commitment to the Guatemalan people."),
             "REJECT")  # fmt: skip
    assert ev.source == ("claudia-sheinbaum",) and ev.target == ("guatemalan-people",), ev
    # "plotting to kill him" is no attack by the accused on himself
    evs = code(nlp, "Claudia Sheinbaum said the cartel was plotting to kill her.")
    assert not [e for e in evs if e.type == "ASSAULT" and set(e.target) & set(e.source)], evs


def test_a_delegation_sent_there_visits_the_place_named_before(nlp: Any) -> None:
    ev = one(code(nlp, "Canada is engaging with Mexico and has sent a delegation there."),
             "CONSULT")  # fmt: skip
    assert (ev.source, ev.target, ev.mode) == (("canada",), ("mexico",), "visit"), ev
    # "there" is never the sender's own country
    evs = code(nlp, "Canada sent a delegation there.")
    assert not [e for e in evs if e.type == "CONSULT" and e.target], evs


def test_an_object_pronoun_is_not_its_own_clause_subject(nlp: Any) -> None:
    # "them" cannot be Canada, the subject of its own (conjoined) clause: it is Mexico
    text = "Canada is engaging with Mexico and is working closely with them on fentanyl."
    ev = one(code(nlp, text), "COOPERATE")
    assert (ev.source, ev.target) == (("canada",), ("mexico",)), ev


def test_what_the_audience_is_thanked_for_is_no_event(nlp: Any) -> None:
    text = "Thank you for joining us on this call to discuss the meeting with Mexico."
    assert not code(nlp, text)
    # what an actor is thanked for is that actor's act
    evs = code(nlp, "Donald Trump thanked Mexico for sending troops to the border.")
    assert one(evs, "MOBILIZE").source == ("mexico",)
    assert one(evs, "SUPPORT").target == ("mexico",)
    # "thanks to" gives a reason, the event stays
    text = "The arrests were possible thanks to collaboration with Mexico."
    assert one(code(nlp, text), "COOPERATE").target == ("mexico",)


def test_asking_that_we_do_something_asks_no_one(nlp: Any) -> None:
    text = "Joe Biden asks kindly that we keep the questions on the trip to Mexico."
    assert not [e for e in code(nlp, text) if e.type == "REQUEST"], code(nlp, text)
    assert one(code(nlp, "We ask that Mexico keep its promise."), "REQUEST").target == ("mexico",)


def test_tariffs_implemented_imposed_or_used_as_threats(nlp: Any) -> None:
    ev = one(code(nlp, "Donald Trump is implementing tariffs on Canada and Mexico."), "SANCTION")
    assert (ev.source, set(ev.target), ev.mode) == (("donald-trump",), {"canada", "mexico"},
                                                    "tariff")  # fmt: skip
    ev = one(code(nlp, "Trump announced the imposition of a 25% tariff on Canada."), "SANCTION")
    assert ev.target == ("canada",) and ev.trigger == "imposition"
    ev = one(code(nlp, "Donald Trump used threats of tariffs on Mexico."), "THREATEN")
    assert (ev.source, ev.target) == (("donald-trump",), ("mexico",))
    # implementing an agreement is no sanction
    assert not [e for e in code(nlp, "Mexico is implementing the agreement.")
                if e.type == "SANCTION"]  # fmt: skip


def test_a_signed_order_does_what_it_is_signed_to_do(nlp: Any) -> None:
    text = "In February, Donald Trump signed Executive Order 14193 to impose a duty on Canada."
    assert one(code(nlp, text), "SANCTION").modality == "asserted"
    # any other purpose clause is only aimed at
    text = "Donald Trump flew to Florida to impose tariffs on Canada."
    assert one(code(nlp, text), "SANCTION").modality == "hypothetical"


def test_a_bare_office_in_a_governments_own_text_is_that_government(nlp: Any) -> None:
    def events(text: str, url: str | None) -> list[Event]:
        art = Article(id="t-office", text=text, published="2024-02-08", url=url)
        return list(nlp(make_doc(nlp, art))._.pw_events)

    text = "Readout.\n\nThe Deputy Attorney General had productive conversations with Mexico."
    gov = events(text, WH)
    assert one(gov, "CONSULT").source == ("united-states",), gov
    # a newspaper's bare title names no one's government
    assert one(events(text, None), "CONSULT").source == (), events(text, None)


def test_a_raised_tariff_is_a_sanction_and_an_order_does_what_its_signer_does(nlp: Any) -> None:
    text = "Donald Trump signed an Executive Order increasing the tariff on Canada from 25% to 35%."
    ev = one(code(nlp, text), "SANCTION")
    assert (ev.source, ev.target, ev.mode) == (("donald-trump",), ("canada",), "tariff"), ev
    text = "Donald Trump has found it necessary to increase the tariff on Canada."
    assert one(code(nlp, text), "SANCTION").source == ("donald-trump",)
    # raising an issue about tariffs sanctions no one
    assert not code(nlp, "Mexico raised the issue of tariffs.")


def test_ruling_out_easing_sanctions_is_a_refusal_by_the_speakers_side(nlp: Any) -> None:
    text = "The United States said that removing the sanctions on Mexico is out of the question."
    ev = one(code(nlp, text), "REJECT")
    assert (ev.source, ev.target, ev.modality) == (("united-states",), ("mexico",), "asserted")
    assert ev.trigger == "removing" and ev.cameo == "124"
    # removing sanctions is easing them, never a sanction
    evs = code(nlp, "The United States removed the sanctions on Mexico.")
    assert [(e.type, e.mode) for e in evs] == [("RETREAT", "ease")], evs
    # a refused withdrawal of one's own troops is refused to no one
    ev = one(code(nlp, "Mexico declined to withdraw its troops."), "REJECT")
    assert ev.target == (), ev


def test_urging_ones_own_citizens_asks_no_other_actor(nlp: Any) -> None:
    assert not code(nlp, "Mexico urged its citizens in Texas to carry identification.")
    ev = one(code(nlp, "Mexico urged Canada's citizens to leave."), "REQUEST")
    assert ev.target == ("canada",), ev


def test_what_an_order_does_is_dated_by_its_signing(nlp: Any) -> None:
    text = "On July 31, 2025, Donald Trump signed an Executive Order increasing the tariff."
    ev = one(code(nlp, text, dct="2025-08-01"), "SANCTION")
    assert ev.date == "2025-07-31", ev


def test_a_bare_office_never_leaks_an_actor_id_as_a_country(nlp: Any) -> None:
    # "President" alone resolves to the home government (an actor id); the nationality walk
    # for "President Ali" must not read that id as Ali's country code
    text = (
        "Readout.\n\nThe Secretary had a good discussion with President — President AMLO. "
        "In Guyana, he met with President Ali to reaffirm U.S. support to Guyana."
    )
    art = Article(id="t-leak", text=text, published="2024-02-09", url=WH)
    actors = nlp(make_doc(nlp, art))._.pw_actors
    assert all(a.country is None or re.fullmatch(r"[A-Z]{3}", a.country)
               for a in actors.values()), actors  # fmt: skip


def test_a_meeting_told_as_the_time_of_another_event_is_an_event_of_its_own(nlp: Any) -> None:
    evs = code(nlp, "Trump agreed to pause the tariffs after a phone call with Sheinbaum.")
    call = one(evs, "CONSULT")
    assert (call.source, call.target, call.mode) == (("donald-trump",), ("claudia-sheinbaum",),
                                                     "phone")  # fmt: skip
    assert one(evs, "CONCEDE").source == ("donald-trump",)
    # the time of a refusal is not what is refused
    evs = code(nlp, "Mexico rejected the demands after talks with Canada.")
    assert one(evs, "CONSULT").modality == "asserted", evs
    # a refused meeting told with a light verb is one refusal, not two
    evs = code(nlp, "Mexico refused to hold talks with Canada.")
    assert [e.type for e in evs] == ["REJECT"], evs


def test_two_full_names_joined_by_and_are_both_parties(nlp: Any) -> None:
    # the model parses "Donald Trump" as a modifier of "Sheinbaum", the "and" on it
    ev = one(code(nlp, "Donald Trump and Claudia Sheinbaum spoke by telephone on Monday."),
             "CONSULT")  # fmt: skip
    assert (ev.source, ev.target, ev.mode) == (("donald-trump",), ("claudia-sheinbaum",),
                                               "phone")  # fmt: skip


def test_where_a_praised_movement_went_is_not_who_is_praised(nlp: Any) -> None:
    # the parser hangs "to US custody" on the verb, or "to the United States" on the noun
    for text in (
        "Trump praised the transfers of 29 cartel leaders to US custody.",
        "Trump praised the extradition of the cartel leaders to the United States.",
    ):
        assert one(code(nlp, text), "SUPPORT").target == (), text
    # the one who moved them is still praised, and a proposal's "to" is still its addressee
    ev = one(code(nlp, "Trump praised Mexico for the transfer of 29 cartel figures to U.S. "
                       "custody."), "SUPPORT")  # fmt: skip
    assert ev.target == ("mexico",)
    ev = one(code(nlp, "Trump welcomed the proposal to Mexico."), "SUPPORT")
    assert ev.target == ("mexico",)


def test_a_call_with_one_side_named_is_the_other_partys_and_its_own_occasion(
    nlp: Any,
) -> None:
    """"a call with President Claudia Sheinbaum" names one side; the other is the article's
    other party. It is another occasion than the talks with Lutnick told before (another
    partner), not those talks told again."""
    events = _full(nlp, "Donald Trump paused the tariffs on Mexico. Marcelo Ebrard held talks "
                        "with Howard Lutnick in Washington. The White House said the decision "
                        "followed a call with President Claudia Sheinbaum.")  # fmt: skip
    consults = {(e.trigger, e.source, e.target) for e in events if e.type == "CONSULT"}
    assert ("call", ("united-states",), ("claudia-sheinbaum",)) in consults, consults
    assert ("held talks", ("marcelo-ebrard",), ("howard-lutnick",)) in consults, consults
    # the talks told again are still one event
    again = _full(nlp, "Marcelo Ebrard held talks with Howard Lutnick in Washington on "
                       "Monday. The talks with Lutnick lasted three hours.")  # fmt: skip
    assert len([e for e in again if e.type == "CONSULT"]) == 1, again


def test_a_question_put_to_a_speaker_is_no_request_and_its_topic_no_event(nlp: Any) -> None:
    """"asked whether …", "when asked about US military action": reporters' questions, not
    a request between actors, and what they ask about is no attack. A request made with a
    verb that shares its subject stays."""
    for text in ("Sheinbaum, asked whether Mexico would retaliate, said no.",
                 "When asked about US military action against the cartels, Claudia "
                 "Sheinbaum said there was no subordination."):  # fmt: skip
        got = [(e.type, e.trigger) for e in _full(nlp, text)]
        assert not [g for g in got if g[0] in ("REQUEST", "ASSAULT")], got
    kept = _full(nlp, "Mexico met US officials and asked them to stop the flow of guns.")
    request = one(kept, "REQUEST")
    assert request.source == ("mexico",) and request.target == ("united-states",)


def test_a_budget_request_is_no_request_between_actors(nlp: Any) -> None:
    """A government's budget or funding request is an appropriation asked of its own
    legislature, not a PLOVER REQUEST; a request for an extradition is one."""
    texts = ("The FY 2025 DHS Budget request for Customs and Border Protection contains "
             "4.5 billion dollars.",
             "The White House sent Congress a budget request for border security.")
    for text in texts:
        assert not [e for e in _full(nlp, text) if e.type == "REQUEST"], text
    got = _full(nlp, "Mexico received a US request for the extradition of Ovidio Guzmán.")
    assert one(got, "REQUEST").source == ("united-states",)


def linked(nlp: Any, text: str, dct: str = "2025-03-31") -> list[Event]:
    """The whole pipeline, with the actor linker and the KB (not the table above)."""
    return list(nlp(make_doc(nlp, Article(id="t2", text=text, published=dct)))._.pw_events)


def test_a_vow_to_keep_fighting_is_a_threat_and_an_ethnic_people_a_group(nlp: Any) -> None:
    ev = one(linked(nlp, "The militia swore to keep fighting for the valley."), "THREATEN")
    assert ev.modality == "asserted"
    text = "Ethnic Serbs have vowed to resist until the vote is annulled."
    ev = one(linked(nlp, text), "THREATEN")
    assert ev.source and "serbia" not in ev.source  # a people, not the state


def test_a_protest_in_a_countrys_capital_is_aimed_at_that_country(nlp: Any) -> None:
    for text in ("Protesters marched in the Mexican capital on Sunday.",
                 "Farmers rioted in the Peruvian capital overnight."):  # fmt: skip
        ev = next(e for e in linked(nlp, text) if e.type == "PROTEST")
        assert ev.target in (("mexico",), ("peru",)), (text, ev)


def test_a_groups_whole_name_and_a_verb_the_parser_hung_on_its_subject(nlp: Any) -> None:
    ev = one(linked(nlp, "Islamic State fighters attacked a checkpoint near Raqqa."), "ASSAULT")
    assert ev.source == ("islamic-state-fighters",)
    # "guards" parsed as the root, "beat" a participle on it, with an object of its own
    ev = one(linked(nlp, "Prison guards tortured detainees at a jail near Tijuana."), "ASSAULT")
    assert ev.source == ("prison-guards",) and ev.mode == "torture"


def test_an_age_is_not_a_date_and_destroyed_buildings_need_a_destroyer(nlp: Any) -> None:
    ev = one(linked(nlp, "Gunmen destroyed the 300-year-old church in the village."), "ASSAULT")
    assert ev.date is None or not ev.date.startswith("P")
    assert not linked(nlp, "The hurricane destroyed homes in Acapulco.")
    ev = one(linked(nlp, "Cartel gunmen raped two women in Guerrero."), "ASSAULT")
    assert ev.mode == "sexual"


def test_verdicts_and_suspensions_from_a_bloc_are_sanctions(nlp: Any) -> None:
    text = "A Mexican judge convicted Ovidio Guzman of money laundering."
    ev = one(linked(nlp, text), "SANCTION")
    assert ev.mode == "convict"
    ev = one(linked(nlp, "Joaquin Guzman was found guilty by a US court."), "SANCTION")
    assert ev.mode == "convict" and ev.target == ("joaquin-guzman-loera",)
    ev = one(linked(nlp, "The Organization of American States suspended Nicaragua from the body."),
             "SANCTION")  # fmt: skip
    assert (ev.mode, ev.target) == ("expel", ("nicaragua",))
    # aid counted in dollars and held back
    evs = linked(nlp, "Some $50 million in US aid to Honduras was withheld by the US.")
    assert "SANCTION" in {e.type for e in evs}


def test_an_exchange_between_two_sides_and_a_coordination_of_demonyms(nlp: Any) -> None:
    ev = one(linked(nlp, "Intelligence is shared daily between the Mexican and Guatemalan armies."),
             "COOPERATE")  # fmt: skip
    assert (ev.source, ev.target) == (("mexico",), ("guatemala",))
    ev = one(linked(nlp, "Canadian and Mexican officials met on Tuesday."), "CONSULT")
    assert set(ev.source) | set(ev.target) == {"canada", "mexico"}


def test_an_act_someone_is_suspected_of_is_alleged_not_told(nlp: Any) -> None:
    evs = linked(nlp, "Police arrested two men suspected of kidnapping a Texas rancher.")
    assert [e.type for e in evs] == ["COERCE"], evs
    evs = linked(nlp, "Mexico extradited three Mexican soldiers accused of killing a US agent.")
    killing = [e for e in evs if e.type == "ASSAULT"]
    assert all(e.modality == "hypothetical" and "united-states" not in e.source for e in killing)


def test_stepping_down_is_a_resignation_and_the_lexicon_refuses_unknown_needs(nlp: Any) -> None:
    ev = one(linked(nlp, "Mexico's security minister stepped down on Friday."), "RETREAT")
    assert ev.mode == "resign"
    assert not [e for e in linked(nlp, "Mexico stepped up patrols.") if e.type == "RETREAT"]
    from presswatch.nlp.events import build_lexicon

    with pytest.raises(ValueError, match="unknown needs"):
        entry = {"type": "CONSULT", "cameo": "040", "needs": "nope"}
        build_lexicon({"types": {}, "verbs": {"meet": [entry]}})


def test_a_call_told_as_the_occasion_of_a_discussion_is_a_call_of_its_subjects(nlp: Any) -> None:
    for text in (
        "In a phone call on Monday, Sheinbaum and Trump discussed tariffs.",
        "During a phone call with Trump on Monday, Sheinbaum discussed tariffs.",
    ):
        ev = one(code(nlp, text), "CONSULT")
        assert (ev.mode, ev.source, ev.target) == (
            "phone", ("claudia-sheinbaum",), ("donald-trump",)), text
    # being "in discussions" is no new occasion with a party of its own
    assert not [e.source for e in code(nlp, "We are in discussions with Mexico.") if e.source]


def test_a_right_to_act_tells_no_act(nlp: Any) -> None:
    evs = code(nlp, "The United States defended the right of Mexican troops to fire on cartels.")
    assert all(e.modality == "hypothetical" for e in evs if e.type == "ASSAULT"), evs


def test_speaking_with_someone_and_the_two_leaders_named_before(nlp: Any) -> None:
    ev = one(linked(nlp, "Joe Biden spoke with López Obrador on Tuesday."), "CONSULT")
    assert (ev.source, ev.target) == (("joe-biden",), ("andres-manuel-lopez-obrador",))
    assert not code(nlp, "Sheinbaum spoke with reporters on Monday.")
    text = ("Trump and Sheinbaum announced a pause. "
            "It came after a morning phone call between the two leaders.")  # fmt: skip
    ev = one([e for e in code(nlp, text) if e.trigger == "phone call"], "CONSULT")
    assert {*ev.source, *ev.target} == {"donald-trump", "claudia-sheinbaum"}
    # "the two countries" as a subject stands for them; inside a relation it acts not
    evs = code(nlp, "Mexico and Canada rejected the tariffs. Both countries vowed to retaliate.")
    assert any(set(e.source) == {"mexico", "canada"} and e.trigger == "vowed" for e in evs), evs
    evs = code(nlp, "Mexico praised Canada. It hailed the cooperation between the two countries.")
    assert not [e for e in evs if e.type == "COOPERATE"], evs


def test_receiving_deportation_flights_is_accepting_them(nlp: Any) -> None:
    ev = one(code(nlp, "Mexico received three deportation flights on Sunday."), "COOPERATE")
    assert ev.source == ("mexico",) and "migration" in ev.context
    assert not [e for e in code(nlp, "Mexico received three deportation flights.")
                if e.type == "COERCE"]  # fmt: skip


def test_a_meeting_never_takes_its_partner_as_its_source(nlp: Any) -> None:
    # the parser hangs "in speaking with her" on "she said": her clause's subject is the
    # partner, not the one who spoke with her
    text = ("I spoke to Claudia Sheinbaum. But in speaking with her — she said about family"
            " values — I said, “Well, you’re not really saying anything there.”")
    evs = [e for e in linked(nlp, text) if e.type == "CONSULT"]
    assert evs and all("claudia-sheinbaum" not in e.source for e in evs), evs


def test_an_object_the_parser_made_the_subject_of_a_later_clause(nlp: Any) -> None:
    # "the curfew" parsed as the subject of "shook": the shortening still has its object
    text = ("Sheinbaum on Friday shortened by two hours the nightly curfew imposed in"
            " Sinaloa after a wave of killings shook the state.")
    ev = one(code(nlp, text), "CONCEDE")
    assert ev.source == ("claudia-sheinbaum",) and ev.trigger == "shortened"
    # a clause after "that" keeps its own subject
    assert not [e for e in code(nlp, "Sheinbaum noted that the curfew shook the state.")
                if e.type == "CONCEDE"]  # fmt: skip


def test_a_subject_parsed_into_the_fronted_phrase_is_still_the_subject(nlp: Any) -> None:
    # the parser makes "the Mexican government" a conjunct of the memorandum
    text = ("With the signing of a Memorandum of Understanding (MOU) on Border Security,"
            " the Mexican government and Canada have agreed to hold talks.")
    evs = [e for e in linked(nlp, text) if e.trigger == "agreed"]
    # (two that agree to hold talks agree with each other: one the source, one the target)
    assert evs and (evs[0].source, evs[0].target) == (("mexico",), ("canada",)), evs


def test_a_word_yaml_reads_as_a_boolean_is_refused_and_none_is_shipped() -> None:
    # a bare `off` in `[cordon, off]` is YAML's False: the phrase never matched
    import yaml

    from presswatch.nlp.events import build_lexicon

    raw = yaml.safe_load("phrases:\n  - {lemmas: [cordon, off], type: COERCE, cameo: '172'}")
    with pytest.raises(ValueError, match="quote it"):
        build_lexicon({"types": {}, **raw})
    with pytest.raises(ValueError, match="quote it"):
        build_lexicon({"types": {}, "verbs": {"spread": [{"obj": [False], "type": "COERCE",
                                                          "cameo": "170"}]}})  # fmt: skip
    # every word list the package ships (three or more words) holds words only
    data = Path(__file__).resolve().parents[1] / "src" / "presswatch"

    def bools(x: Any) -> list[Any]:
        if isinstance(x, dict):
            return [b for v in x.values() for b in bools(v)]
        if isinstance(x, list):
            found = [v for v in x if isinstance(v, bool)] if len(x) >= 3 else []
            return found + [b for v in x for b in bools(v)]
        return []

    files = sorted(data.rglob("*.yaml"))
    assert len(files) > 10
    assert {f.name: bools(yaml.safe_load(f.read_text("utf-8"))) for f in files if bools(
        yaml.safe_load(f.read_text("utf-8")))} == {}  # fmt: skip


def test_cordoning_off_censoring_a_site_and_pulling_troops_out(nlp: Any) -> None:
    ev = one(linked(nlp, "Mexican police cordoned off the centre of Culiacan on Friday."),
             "COERCE")  # fmt: skip
    assert ev.mode == "restrict" and ev.source == ("mexico",)
    ev = one(linked(nlp, "Mexico blocked access to the cartel's website."), "COERCE")
    assert ev.mode == "censor"
    assert one(linked(nlp, "Protesters blocked access to the border crossing."),
               "PROTEST").mode == "obstruct"  # fmt: skip
    ev = one(linked(nlp, "Syria pulled its troops out of Lebanon."), "RETREAT")
    assert (ev.source, ev.target) == (("syria",), ("lebanon",))
    text = ("Bolivia vowed it would reverse the sale of the tin mines."
            " Mexico promised to pull its soldiers out of Guatemala.")
    evs = [e for e in linked(nlp, text) if e.type == "CONCEDE"]
    got = [(e.source, e.target) for e in evs]
    assert got == [(("bolivia",), ()), (("mexico",), ("guatemala",))], evs


def test_normalizing_relations_is_support_between_the_two(nlp: Any) -> None:
    ev = one(linked(nlp, "Mexico normalized relations with Ecuador on Monday."), "SUPPORT")
    assert (ev.source, ev.target) == (("mexico",), ("ecuador",))
    ev = one(linked(nlp, "Mexico and Ecuador normalized their relations in 2024."), "SUPPORT")
    assert (ev.source, ev.target) == (("mexico",), ("ecuador",))


def test_a_measure_told_without_its_doer_in_a_states_own_voice_is_its_own(nlp: Any) -> None:
    ev = one(linked(nlp, "Sheinbaum said the curfew in Culiacan would be lifted next week."),
             "CONCEDE")  # fmt: skip
    assert ev.source == ("claudia-sheinbaum",) and ev.modality == "future"
    ev = one(linked(nlp, "Iraq's justice ministry said ten prisoners were hanged in Basra."),
             "ASSAULT")  # fmt: skip
    assert ev.source == ("iraq",) and ev.mode == "execute"
    # another state's act, or a voice that is no state's, gives no doer
    assert not [e for e in linked(nlp, "Amnesty said ten prisoners were hanged in Basra.")
                if e.source]  # fmt: skip
    assert not [e for e in linked(nlp, "Mexico's foreign ministry said ten prisoners were"
                                  " hanged in Texas.") if "mexico" in e.source]  # fmt: skip


def test_a_court_finding_someone_liable_is_a_verdict(nlp: Any) -> None:
    ev = one(linked(nlp, "A federal jury found Zambada guilty on Monday."), "SANCTION")
    assert ev.mode == "convict" and ev.target == ("ismael-zambada",)
    ev = one(linked(nlp, "A Texas court found Mexico partly liable for the damage."), "SANCTION")
    assert ev.mode == "convict" and "mexico" in (*ev.source, *ev.target)
    assert not [e for e in linked(nlp, "Agents found the tunnel on Monday.")
                if e.type == "SANCTION"]  # fmt: skip


def test_a_ban_on_a_group_a_rescue_a_call_up_and_an_upgraded_mission(nlp: Any) -> None:
    ev = one(linked(nlp, "A Mexican court ordered the dissolution of the opposition party."),
             "COERCE")  # fmt: skip
    assert ev.mode == "ban"
    ev = one(linked(nlp, "The rescue of 14 hostages was carried out by Mexican marines."), "AID")
    assert ev.source == ("mexico",)
    ev = one(linked(nlp, "Mexico ordered the call-up of 5,000 reservists."), "MOBILIZE")
    assert ev.source == ("mexico",) and ev.mode == "troops"
    # an act told as done in what someone announced is no plan
    text = "Mexico upgraded its diplomatic mission in Quito to embassy status, Ebrard announced."
    ev = one(linked(nlp, text), "SUPPORT")
    assert (ev.source, ev.target, ev.modality) == (("mexico",), ("ecuador",), "asserted")


def test_people_forced_out_of_their_homes_are_driven_out(nlp: Any) -> None:
    text = "Gunmen forced out on Sunday more than 300 families from their homes in Sinaloa."
    ev = one(code(nlp, text), "ASSAULT")
    assert ev.mode == "cleansing" and ev.trigger == "forced"
    assert not [e for e in code(nlp, "Rain forced 300 families to stay home in Sinaloa.")
                if e.type == "ASSAULT"]  # fmt: skip


def test_two_states_agreeing_to_relations_or_talks_agree_with_each_other(nlp: Any) -> None:
    ev = one(linked(nlp, "Panama and China agreed to establish diplomatic relations."), "AGREE")
    assert (ev.source, ev.target) == (("panama",), ("china",))
    ev = one(linked(nlp, "Mexico and Guatemala agreed to hold talks on Friday."), "AGREE")
    assert (ev.source, ev.target) == (("mexico",), ("guatemala",))
    ev = one(linked(nlp, "Vietnam and the United States normalized relations in 1995."),
             "SUPPORT")  # fmt: skip
    assert (ev.source, ev.target) == (("vietnam",), ("united-states",))
    # a joint act aimed at no one named is still the two's
    evs = linked(nlp, "Mexico and Canada vowed to retaliate.")
    assert any(set(e.source) == {"mexico", "canada"} for e in evs), evs


def test_a_concession_to_nobody_named_is_to_the_state_where_it_holds(nlp: Any) -> None:
    ev = one(linked(nlp, "Sheinbaum lifted the curfew imposed in Culiacan."), "CONCEDE")
    assert (ev.source, ev.target) == (("claudia-sheinbaum",), ("mexico",))
    ev = one(linked(nlp, "Sheinbaum lifted the curfew on migrants."), "CONCEDE")
    assert "mexico" not in ev.target


def test_a_promised_measure_against_a_state_is_a_threat(nlp: Any) -> None:
    # PLOVER's AGREE is a promise to cooperate; a promise of harm is a THREATEN
    ev = one(linked(nlp, "President Trump promised to impose tariffs on Mexico."), "THREATEN")
    assert (ev.source, ev.target, ev.modality) == (("donald-trump",), ("mexico",), "future")
    assert not [e for e in linked(nlp, "President Trump promised to impose tariffs on Mexico.")
                if e.type == "AGREE"]  # fmt: skip
    # a promise to cooperate stays an AGREE
    evs = linked(nlp, "President Trump promised to work with Mexico on security.")
    assert one(evs, "AGREE").target == ("mexico",)
    assert not [e for e in evs if e.type == "THREATEN"]


def test_charging_a_tariff_is_a_sanction_not_an_accusation(nlp: Any) -> None:
    text = "President Trump signed all necessary documents to charge Mexico a 25% tariff on Friday."
    evs = linked(nlp, text)
    ev = one(evs, "SANCTION")
    assert (ev.mode, ev.source, ev.target) == ("tariff", ("donald-trump",), ("mexico",))
    assert not [e for e in evs if e.type == "ACCUSE"]
    # documents still to be signed, under a promise: the promised levy is a threat
    text = ("President Trump promised in November to sign all necessary documents to charge "
            "Mexico and Canada a 25% tariff on all products.")
    evs = linked(nlp, text)
    ev = one(evs, "THREATEN")
    assert set(ev.target) == {"mexico", "canada"} and ev.modality == "future"
    assert not [e for e in evs if e.type in ("AGREE", "ACCUSE")]


def test_an_order_to_be_signed_acts_with_the_signing_modality(nlp: Any) -> None:
    ev = one(linked(nlp, "President Trump will sign an order imposing tariffs on Mexico."),
             "SANCTION")  # fmt: skip
    assert ev.modality == "future"
    ev = one(linked(nlp, "President Trump signed an order imposing tariffs on Mexico."),
             "SANCTION")  # fmt: skip
    assert ev.modality == "asserted"


def test_a_blank_line_ends_a_sentence(nlp: Any) -> None:
    # a transcript's next turn is no part of the last sentence before it: the moderator's
    # thanks are not Mexico's
    text = ("And Mexico has sent a delegation to China and is working closely with them on "
            "counternarcotics cooperation as well.\n\nMODERATOR: All right, thank you, everyone.")
    doc = nlp(make_doc(nlp, Article(id="t3", text=text, published="2024-02-08")))
    assert any(s.text.startswith("MODERATOR") for s in doc.sents)
    assert not [e for e in doc._.pw_events if e.type == "SUPPORT"]


def test_a_failure_to_cooperate_is_no_cooperation(nlp: Any) -> None:
    text = ("Mexico's failure to arrest traffickers or coordinate with U.S. law enforcement "
            "is a threat.")  # fmt: skip
    assert not [e for e in linked(nlp, text)
                if e.type == "COOPERATE" and e.modality == "asserted"]  # fmt: skip
    # a three-item list the parser hangs on the failure as the verbs' subject
    text = ("Mexico's failure to arrest traffickers, seize drugs, or coordinate with U.S. law "
            "enforcement constitutes an unusual and extraordinary threat.")
    evs = linked(nlp, text)
    assert evs and all(e.modality == "negated" for e in evs), evs


def test_cooperation_forged_is_the_subjects(nlp: Any) -> None:
    text = ("Mexico has seized more fentanyl at the border, arrested dozens of traffickers, "
            "and forged historic counternarcotics cooperation with China.")
    ev = one(linked(nlp, text), "COOPERATE")
    assert (ev.source, ev.target) == (("mexico",), ("china",))


def test_a_courts_act_with_no_one_named_is_the_state_where_it_sits(nlp: Any) -> None:
    text = "Rafael Caro Quintero was convicted in Mexico for the murder of a US agent."
    ev = one(linked(nlp, text), "SANCTION")
    assert (ev.mode, ev.source, ev.target) == ("convict", ("mexico",), ("rafael-caro-quintero",))
    text = "Rafael Caro Quintero now faces charges in a federal court in New York."
    ev = one(linked(nlp, text), "ACCUSE")
    assert (ev.source, ev.target) == (("united-states",), ("rafael-caro-quintero",))


def test_the_one_sworn_in_is_the_one_who_then_signs(nlp: Any) -> None:
    text = ("Donald Trump was sworn in on Monday and within hours signed an order imposing "
            "tariffs on Mexico.")  # fmt: skip
    ev = one(linked(nlp, text), "SANCTION")
    assert (ev.source, ev.target) == (("donald-trump",), ("mexico",))


def test_a_failure_is_no_refusal(nlp: Any) -> None:
    # what failed stays what it is, negated: not a REJECT (and never a negated REJECT,
    # which would say nobody refused)
    text = ("Mexico's failure to arrest traffickers and coordinate with U.S. law enforcement "
            "has hurt both countries.")
    evs = code(nlp, text)
    assert not [e for e in evs if e.type == "REJECT"], [(e.type, e.modality) for e in evs]
    ev = one(evs, "COOPERATE")
    assert (ev.modality, ev.source) == ("negated", ("mexico",))
    # a refusal still is one
    ev = one(code(nlp, "Mexico did not agree to the plan."), "REJECT")
    assert ev.modality == "asserted"


def test_a_promised_act_is_dated_when_promised(nlp: Any) -> None:
    ev = one(code(nlp, "Trump promised in November to charge Mexico a 25% tariff.",
                  dct="2025-02-01"), "THREATEN")  # fmt: skip
    assert (ev.date, ev.target) == ("2024-11", ("mexico",))
    assert "economic" in ev.context and "legal" not in ev.context  # a levy, no legal charge
    # the parser hangs the act as an adverbial clause after the date: still the promise's
    text = "Trump promised in November to impose tariffs on Mexico on February 1."
    ev = one(code(nlp, text, dct="2025-02-01"), "THREATEN")
    assert (ev.modality, ev.date, ev.target) == ("future", "2024-11", ("mexico",))


def test_a_threat_dated_before_its_complement_keeps_its_target(nlp: Any) -> None:
    text = "Trump threatened on Monday to impose tariffs on Mexico."
    ev = one(code(nlp, text, dct="2025-02-01"), "THREATEN")
    # "threatened" tagged as a participle is still the past: the Monday before
    assert (ev.date, ev.target) == ("2025-01-27", ("mexico",))


def test_a_meeting_that_did_not_happen_is_not_one_refused(nlp: Any) -> None:
    ev = one(code(nlp, "Sheinbaum did not meet with Trump in Washington."), "CONSULT")
    assert (ev.modality, ev.source, ev.target) == (
        "negated", ("claudia-sheinbaum",), ("donald-trump",))
    ev = one(code(nlp, "Sheinbaum will not meet with Trump."), "REJECT")
    assert ev.modality == "future"


def test_proceeding_with_a_measure_is_carrying_it_out(nlp: Any) -> None:
    ev = one(code(nlp, "Trump proceeded with the imposition of tariffs on Canada."), "SANCTION")
    assert (ev.source, ev.target, ev.modality) == (("donald-trump",), ("canada",), "asserted")


def test_the_group_is_the_body_named_before(nlp: Any) -> None:
    text = ("The Trilateral Fentanyl Committee met in Mexico City. Finally, the group "
            "committed to meet again in the spring.")
    ev = one(linked(nlp, text), "AGREE")
    assert ev.source == ("trilateral-fentanyl-committee",)
    # with none named before, "the group" is nobody: no actor called "group"
    evs = linked(nlp, "The group committed to meet again in the spring.")
    assert all("group" not in (*e.source, *e.target) for e in evs)


def test_received_deportation_flights_told_in_reported_speech(nlp: Any) -> None:
    text = ("The United States has stepped up deportations. Washington and the United States "
            "Border Patrol say removals rose. Sheinbaum said on Monday that Mexico had "
            "received deportation flights.")
    ev = one(linked(nlp, text), "COOPERATE")
    # the pluperfect of a report is the speaker's perfect ("has received"): told now, not
    # background; and the flights come from the article's other party
    assert (ev.modality, ev.source, ev.target) == ("asserted", ("mexico",), ("united-states",))


def test_the_two_governments_urged_are_the_two_named_before(nlp: Any) -> None:
    text = ("Mexico sells more to the United States than to any other country. Business "
            "groups urged the two governments to negotiate.")
    ev = one(code(nlp, text), "REQUEST")
    assert set(ev.target) == {"mexico", "united-states"}
