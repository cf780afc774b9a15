"""The `trustplan hub` command's actions, one module per topic.

Each module has ``register(sub)``, which adds its sub-commands to the parser, and ``ACTIONS``,
which maps each sub-command to the function that runs it with the command's output and options.
"""

from trustplan.hub.cli import (
    aggregates,
    exports,
    extracts,
    families,
    feeds,
    governance,
    linking,
    synth,
)

MODULES = (feeds, linking, families, exports, synth, aggregates, governance, extracts)
