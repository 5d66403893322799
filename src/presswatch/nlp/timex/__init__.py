"""The temporal tagger's parts: lexicon, grammar, normalisation, composition, tense.

The spaCy component that uses them is :mod:`presswatch.nlp.dates`.
"""
