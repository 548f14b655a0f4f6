"""The console script's entry point; the commands live in ``checker/commands/`` (one module each)."""
from __future__ import annotations

from .commands import main
from .commands.common import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, exit_code

__all__ = ["main", "exit_code", "EXIT_OK", "EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_INTERRUPTED"]

if __name__ == "__main__":  # pragma: no cover
    main()
