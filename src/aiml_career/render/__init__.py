"""Output: ``json`` (stdlib only) and ``text`` (Rich, imported only to render)."""
