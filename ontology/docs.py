"""HTML documentation of the ontology with pyLODE (``ontology/docs/index.html``).

Run: ``.venv/bin/python -m ontology.docs [OUT.html]``.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from ontology.reasoning import ONTOLOGY

DEFAULT_OUT = Path(__file__).parent / "docs" / "index.html"


def _import_ontpub():
    """pyLODE 3.4 reads its version from a pyproject.toml that the wheel does not ship;
    give it the version module it expects so that the import works."""
    if "pylode.version" not in sys.modules:
        try:
            import pylode.version  # noqa: F401
        except FileNotFoundError:
            stub = types.ModuleType("pylode.version")
            stub.__version__ = "3"  # type: ignore[attr-defined]
            sys.modules["pylode.version"] = stub
    from pylode import OntPub

    return OntPub


def build_docs(out: str | Path = DEFAULT_OUT, ontology: str | Path = ONTOLOGY) -> Path:
    """Write the HTML documentation of ``ontology`` to ``out`` and return its path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ontpub = _import_ontpub()(ontology=str(ontology))
    html = ontpub.make_html()
    out.write_text(str(html), encoding="utf-8")
    return out


if __name__ == "__main__":
    print(build_docs(*sys.argv[1:2]))
