"""Pure-Python polygon helpers: point-in-polygon, bounding boxes, simplification.

Polygons are lists of rings; a ring is a list of (lon, lat) pairs; the first ring
is the outer boundary and the others are holes. A multipolygon is a list of such
polygons. These helpers are the fallback when shapely (extra 'geo') is missing and
are what the build script uses to simplify boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence

Ring = Sequence[Sequence[float]]
Polygon = Sequence[Ring]
MultiPolygon = Sequence[Polygon]
BBox = tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def bbox(multipolygon: MultiPolygon) -> BBox:
    """Return the bounding box of a multipolygon's outer rings."""
    lons = [pt[0] for polygon in multipolygon for pt in polygon[0]]
    lats = [pt[1] for polygon in multipolygon for pt in polygon[0]]
    return min(lons), min(lats), max(lons), max(lats)


def bbox_of_all(multipolygons: Sequence[MultiPolygon]) -> BBox:
    """Return the bounding box of several multipolygons (a pack's provinces, a map's layer)."""
    boxes = [bbox(multipolygon) for multipolygon in multipolygons]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def in_bbox(box: BBox, lon: float, lat: float) -> bool:
    """Return True when (lon, lat) lies inside the box (edges included)."""
    return box[0] <= lon <= box[2] and box[1] <= lat <= box[3]


def point_in_ring(ring: Ring, lon: float, lat: float) -> bool:
    """Return True when the point is inside the ring (even-odd ray casting)."""
    inside = False
    count = len(ring)
    j = count - 1
    for i in range(count):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_multipolygon(multipolygon: MultiPolygon, lon: float, lat: float) -> bool:
    """Return True when the point is inside one polygon's outer ring and none of its holes."""
    for polygon in multipolygon:
        if point_in_ring(polygon[0], lon, lat) and not any(
            point_in_ring(hole, lon, lat) for hole in polygon[1:]
        ):
            return True
    return False


def simplify_ring(ring: Ring, tolerance: float) -> list[list[float]]:
    """Return the ring simplified with Douglas-Peucker (keeps at least 4 points, closed)."""
    points = [(float(p[0]), float(p[1])) for p in ring]
    if len(points) <= 4:
        return [list(p) for p in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = _farthest(points, first, last)
        if index is not None and distance > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    simplified = [list(p) for p, kept in zip(points, keep) if kept]
    if len(simplified) < 4:  # too small to survive: keep a coarse quadrilateral
        step = max(1, len(points) // 4)
        simplified = [list(p) for p in points[::step]][:3] + [list(points[0])]
    return simplified


def _farthest(points: list[tuple[float, float]], first: int, last: int) -> tuple[int | None, float]:
    """Return the index between first and last farthest from their chord, and its distance."""
    (x1, y1), (x2, y2) = points[first], points[last]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    best, best_distance = None, -1.0
    for index in range(first + 1, last):
        px, py = points[index]
        if norm == 0:
            distance = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
        else:
            distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
        if distance > best_distance:
            best, best_distance = index, distance
    return best, best_distance
