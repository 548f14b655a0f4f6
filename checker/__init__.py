"""verzuimcheck: a declarative rule-and-role compliance checker for Dutch sickness-absence management."""

__version__ = "0.1.0"
