"""Bodies as canonical, jurisdiction-scoped nodes, and the groups they belong to.

"Thanh tra tỉnh" in a plan of Quảng Ngãi is the Quảng Ngãi inspectorate, not Tây Ninh's; "Thanh
tra Sở" in a plan of Sở Nội vụ is a unit of that department. The rules (heads, abbreviations,
issuer units, groups and their members) live in ``data/groups.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef

from ontology.iris import DATA, body_iri, fold, slug


@dataclass(frozen=True, slots=True)
class GroupRule:
    key: str
    label: str
    pattern: re.Pattern[str]
    members: tuple[re.Pattern[str], ...]
    scope: str  # "jurisdiction" | "issuer"


@dataclass(frozen=True, slots=True)
class Rules:
    heads: tuple[re.Pattern[str], ...]
    abbreviations: dict[str, str]
    issuer_is_unit: tuple[re.Pattern[str], ...]
    issuer_units: tuple[re.Pattern[str], ...]
    groups: tuple[GroupRule, ...]
    collective: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Body:
    """A resolved body: its IRI, whether it is a group, and the body it is a unit of."""

    iri: URIRef
    name: str
    jurisdiction: str
    collective: bool = False
    group: GroupRule | None = None
    parent: URIRef | None = None
    folded: str = ""
    aliases: tuple[str, ...] = field(default_factory=tuple)


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


@cache
def rules() -> Rules:
    """The body rules of ``data/groups.toml``, compiled once."""
    with (DATA / "groups.toml").open("rb") as f:
        raw = tomllib.load(f)
    groups = tuple(
        GroupRule(g["key"], g["label"], re.compile(g["pattern"]), _compile(g.get("members", [])),
                  g.get("scope", "jurisdiction"))
        for g in raw.get("group", [])
    )
    return Rules(
        heads=_compile(raw.get("heads", [])),
        abbreviations=raw.get("abbreviations", {}),
        issuer_is_unit=_compile(raw["scope"]["issuer_is_unit"]),
        issuer_units=_compile(raw["scope"]["issuer_units"]),
        groups=groups,
        collective=_compile(raw.get("collective", {}).get("patterns", [])),
    )


def canonical(name: str, jurisdiction_words: str | None = None) -> str:
    """Folded name: heads dropped, abbreviations expanded, the own province's name dropped."""
    r = rules()
    text = " ".join(fold(name).replace("\u00a0", " ").split())
    for head in r.heads:
        text = head.sub("", text)
    words = [r.abbreviations.get(w.strip(",.;:"), w) for w in text.split()]
    text = " ".join(words)
    if jurisdiction_words:
        text = re.sub(rf"\s+{re.escape(jurisdiction_words)}$", "", text)
        if text.startswith("so "):  # "Sở Nội vụ tỉnh Quảng Ngãi" is the province's Sở Nội vụ
            text = re.sub(r"\s+(?:tinh|thanh pho)$", "", text)
    return text.strip(" ,.;:")


def jurisdiction_of(document: dict, source: str) -> tuple[str, str | None]:
    """The province key ("quang-ngai") and its folded words; the plan's slug when unknown."""
    place = document.get("province") or document.get("place")
    if not place:
        m = re.search(r"\b(?:tinh|thanh pho)\s+([a-z ]+)$", fold(document.get("issuer") or ""))
        place = m.group(1) if m else None
    if place:
        words = " ".join(fold(place).split())
        words = re.sub(r"^(?:tinh|thanh pho)\s+", "", words)
        return slug(words), words
    from ontology.iris import source_slug

    return source_slug(source), None


def issuer_body(document: dict, source: str) -> Body | None:
    """The plan's issuer as a body of its jurisdiction."""
    name = document.get("issuer")
    if not name:
        return None
    juris, words = jurisdiction_of(document, source)
    folded = canonical(name, words)
    return Body(body_iri(juris, slug(folded)), name, juris, folded=folded)


def resolve(
    name: str,
    document: dict,
    source: str,
    *,
    key: str | None = None,
    group: bool = False,
) -> Body:
    """A body named in a plan, scoped to the plan's jurisdiction (or to its issuer's units)."""
    r = rules()
    juris, words = jurisdiction_of(document, source)
    folded = canonical(name, words)
    issuer = issuer_body(document, source)
    in_issuer = bool(
        issuer
        and any(p.search(issuer.folded) for p in r.issuer_is_unit)
        and any(p.search(folded) for p in r.issuer_units)
    )
    rule = next((g for g in r.groups if g.pattern.search(folded)), None)
    if rule and rule.scope == "issuer" and not (issuer and in_issuer):
        rule = None
    collective = bool(group or rule or any(p.search(folded) for p in r.collective))
    parent = issuer.iri if in_issuer and issuer else None
    # The group rules and the issuer's own units decide first: the extractor's key is a
    # hint that does not know them, and two schemes would split one body into two nodes.
    if rule:
        iri = body_iri(str(parent).removeprefix(body_iri()) if parent else juris, rule.key)
    elif parent:
        iri = body_iri(str(parent).removeprefix(body_iri()), slug(folded))
    elif key and not key.startswith("khong-ro/"):  # older records: "unknown" is no scope
        iri = URIRef(body_iri(*(slug(p) for p in key.split("/"))))
    else:
        iri = body_iri(juris, slug(folded))
    return Body(iri, name, juris, collective, rule, parent, folded)


def group_label(group: URIRef) -> str | None:
    """The label of a group by its key (the IRI's last segment), so a group that a plan only
    implies ("thành viên của" the departments) is named, not shown by its id."""
    key = str(group).rstrip("/").rsplit("/", 1)[-1]
    return next((r.label for r in rules().groups if r.key == key), None)


def memberships(body: Body, document: dict, source: str) -> list[URIRef]:
    """The groups of the same jurisdiction (or issuer) whose member patterns the body matches."""
    if body.collective:
        return []
    issuer = issuer_body(document, source)
    out = []
    for rule in rules().groups:
        if not any(p.search(body.folded) for p in rule.members):
            continue
        if rule.scope == "issuer":
            if body.parent is None:
                continue
            out.append(body_iri(str(body.parent).removeprefix(body_iri()), rule.key))
        elif body.parent is None or (issuer is not None and body.iri == issuer.iri):
            out.append(body_iri(body.jurisdiction, rule.key))
    return out
