"""What a rule kind sees of an organisation policy: its role graph, as of one date."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property


@dataclass
class PolicyContext:
    policy: object
    as_of: date
    vocab: object

    def has_role_facts(self) -> bool:
        """A policy is nothing but role facts."""
        return True

    @cached_property
    def role_graph(self):
        """The role graph of the policy (built on first use)."""
        from .graph import graph_from_policy

        return graph_from_policy(self.policy, self.vocab)
