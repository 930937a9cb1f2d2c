"""Imported once by the forkserver of the ingest workers (and by a watching ``cancu ingest``
before its first look): every worker then forks with the extraction patterns compiled, the
ontology parsed and compiled by the reasoner and the shapes read, instead of paying for them
(a second or two) itself.

Last, what it made is frozen (:func:`gc.freeze`, as the gc documentation advises before
forking): the patterns, models, schema and shapes live as long as the process, yet each full
collection in a worker walked them all again, some 3-4 ms a plan of a worker's ~60; frozen,
they are left out of collections, and their pages stay shared with the forkserver.
"""

import gc

from ingest.extract import extract_text
from ingest.regexes import bodies
from ontology.reasoning import schema
from ontology.shacl import rules

extract_text("KẾ HOẠCH\n\nI. NHIỆM VỤ\n1. Sở Nội vụ chủ trì, Căn cứ Luật số 36/2018/QH14.\n")
for pattern, _collective, _outside in bodies():  # compiled when first met, elsewhere: here all
    pattern.compiled  # noqa: B018
schema("reasonable")
rules()  # the shapes read and turned into queries
gc.collect()  # the warming's own garbage goes first, not frozen with the rest
gc.freeze()
