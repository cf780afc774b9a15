"""One seeded random generator per stage of the city.

Each stage (population, planted families, needs, recording, record ids) draws from its own
generator, seeded with the city's seed and the stage's name, so a change in how one stage draws
cannot shift another's numbers. String seeds are hashed with SHA-512 by ``random.Random``, the
same in every process whatever ``PYTHONHASHSEED`` is.
"""

from __future__ import annotations

import random


def stage_rng(seed: int, stage: str) -> random.Random:
    return random.Random(f"trustplan-synth:{seed}:{stage}")  # noqa: S311 -- made-up data, not secrets
