"""Strict loading of input files: YAML/JSON with positions, JSON Schema validation."""
