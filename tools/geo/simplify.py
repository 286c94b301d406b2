#!/usr/bin/env python3
"""Simplify Iraq's governorate boundaries into the small GeoJSON the live page draws.

Input: ../shared/data/geo/iraq/iraq_adm1_governorates_ocha2014_simplified.geojson
(OCHA Iraq COD-AB 2014, 18 governorates; see that folder's SOURCES.md).
Output: services/aggregate/web/iraq-adm1.geojson, embedded in the aggregate binary.

Douglas-Peucker on each ring (standard library only, so it runs anywhere Python 3
does). Rings are simplified independently, so neighbours may differ by up to the
tolerance along shared borders: at 0.01 degrees (about 1 km) that is below a pixel of
the page's map. Each feature keeps only what the page needs: the ISO 3166-2:IQ code
(as /api/governorates returns it) and the Arabic and English names.

Usage: python3 tools/geo/simplify.py [--tolerance 0.01] [SRC] [DST]
"""

import argparse
import json
import math
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT.parent / "shared/data/geo/iraq/iraq_adm1_governorates_ocha2014_simplified.geojson"
DST = ROOT / "services/aggregate/web/iraq-adm1.geojson"

# Common English names; the OCHA file spells some as its 2014 gazetteer did.
NAME_EN = {
    "IQ-BB": "Babil",
    "IQ-BA": "Basra",
    "IQ-DA": "Duhok",
    "IQ-KA": "Karbala",
    "IQ-MA": "Maysan",
    "IQ-NI": "Nineveh",
    "IQ-QA": "Al-Qadisiyah",
    "IQ-DQ": "Dhi Qar",
    "IQ-WA": "Wasit",
}
# Arabic names as they are written in the news (hamza kept).
NAME_AR = {"IQ-AN": "الأنبار", "IQ-AR": "أربيل"}


def perpendicular(p, a, b):
    """Distance from p to the segment a-b, in degrees (fine at this scale)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points, tolerance):
    """The points of a polyline kept by Douglas-Peucker (iterative, no recursion limit)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, None
        for i in range(first + 1, last):
            d = perpendicular(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring, tolerance):
    # A closed ring: split at the point farthest from the start so that both halves
    # are open polylines, simplify each, and close again.
    start = ring[0]
    far = max(range(len(ring)), key=lambda i: math.hypot(ring[i][0] - start[0], ring[i][1] - start[1]))
    a = douglas_peucker(ring[: far + 1], tolerance)
    b = douglas_peucker(ring[far:], tolerance)
    out = a[:-1] + b
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4:  # too small to keep its shape: keep it as it was
        out = ring
    return [[round(x, 3), round(y, 3)] for x, y in out]


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"unexpected geometry {geometry['type']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", nargs="?", default=str(SRC))
    parser.add_argument("dst", nargs="?", default=str(DST))
    parser.add_argument("--tolerance", type=float, default=0.01)
    args = parser.parse_args()

    source = json.loads(pathlib.Path(args.src).read_text(encoding="utf-8"))
    features = []
    before = after = 0
    for f in source["features"]:
        props = f["properties"]
        code = props["iso_3166_2"]
        parts = []
        for polygon in polygons(f["geometry"]):
            rings = [simplify_ring(r, args.tolerance) for r in polygon]
            before += sum(len(r) for r in polygon)
            after += sum(len(r) for r in rings)
            parts.append(rings)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "adm1": code,
                    "name_ar": NAME_AR.get(code, props["name_ar"]),
                    "name_en": NAME_EN.get(code, props["name_en"]),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": parts},
            }
        )
    features.sort(key=lambda f: f["properties"]["adm1"])
    out = {
        "type": "FeatureCollection",
        "source": "OCHA Iraq COD-AB 2014-07-17 (adm1), simplified by tools/geo/simplify.py",
        "features": features,
    }
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    pathlib.Path(args.dst).write_text(text + "\n", encoding="utf-8")
    print(f"{len(features)} governorates, {before} -> {after} points, {len(text)} bytes -> {args.dst}")


if __name__ == "__main__":
    main()
