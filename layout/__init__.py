"""banmian (版面): sets Chinese newspaper pages from YAML page specs and article records."""

__version__ = "0.1.0"
