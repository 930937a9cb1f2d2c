"""cancu ("căn cứ"): a knowledge graph of legal bases and obligations in Vietnamese plans."""

__version__ = "0.1.0"
