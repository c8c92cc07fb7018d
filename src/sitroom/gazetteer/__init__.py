"""sitroom gazetteer stage: places as versioned data packs behind one lookup service.

Importing this package is cheap; packs load on the first ``load_gazetteer`` call and
are cached per pack name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitroom.gazetteer.service import Gazetteer


@lru_cache(maxsize=8)
def load_gazetteer(pack: str = "af") -> "Gazetteer":
    """Return the (cached) Gazetteer of a pack code ("af") or pack folder path.

    Raises DataPackError naming the file and the problem when the pack is invalid.
    """
    from sitroom.gazetteer.pack import load_pack
    from sitroom.gazetteer.service import Gazetteer

    return Gazetteer(load_pack(pack))


__all__ = ["load_gazetteer"]
