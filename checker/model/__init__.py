"""Typed, immutable model of the inputs: dossiers, policies and the sick-day calendar."""
