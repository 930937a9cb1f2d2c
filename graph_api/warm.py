"""Imported once by the forkserver of the ingest workers (and by a watching ``cancu ingest``
before its first look): every worker then forks with the extraction patterns compiled, the
ontology parsed and compiled by the reasoner and the shapes read, instead of paying for them
(a second or two) itself."""

from ingest.extract import extract_text
from ingest.regexes import bodies
from ontology.reasoning import schema
from ontology.shacl import rules

extract_text("KẾ HOẠCH\n\nI. NHIỆM VỤ\n1. Sở Nội vụ chủ trì, Căn cứ Luật số 36/2018/QH14.\n")
for pattern, _collective, _outside in bodies():  # compiled when first met, elsewhere: here all
    pattern.compiled  # noqa: B018
schema("reasonable")
rules()  # the shapes read and turned into queries
