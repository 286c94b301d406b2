#!/usr/bin/env python3
"""Builds Marsad's knowledge base (data/kb/*.jsonl) from public data and curated facts.

Inputs (read-only): ../shared/data/geo (OCHA COD-AB 2014 governorates and districts,
GeoNames cities500 coordinates, mledoze/countries) and tools/kb/curated/*.jsonl
(people, organisations, sites, Iraqi cities and extra spellings, written by hand from
public facts). Output: data/kb/{places-iraq,countries,persons,orgs}.jsonl, sorted by id.

Every name and variant, once folded (tashkeel dropped, أ إ آ ٱ → ا, ة → ه, ى → ي,
ؤ → و, ئ → ي), belongs to one id only: when two entries claim the same bare name, the
first claimant in build order keeps it (cities before their governorate and district,
so "كركوك" is the city and "محافظة كركوك" the governorate); a clash inside the curated
files is an error. Run from the repository root:  python3 tools/kb/build_kb.py
"""
import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TASHKEEL = re.compile("[\u064B-\u065F\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
ADM1 = {"IQ-BG", "IQ-BA", "IQ-NI", "IQ-AN", "IQ-SD", "IQ-DI", "IQ-KI", "IQ-AR", "IQ-SU", "IQ-DA",
        "IQ-BB", "IQ-KA", "IQ-NA", "IQ-QA", "IQ-MU", "IQ-DQ", "IQ-MA", "IQ-WA"}
# The usual Arabic name of each governorate (OCHA spells some without hamza).
GOVERNORATE_AR = {
    "IQ-AN": ("الأنبار", ["الانبار"]), "IQ-BA": ("البصرة", []), "IQ-MU": ("المثنى", []),
    "IQ-QA": ("القادسية", ["الديوانية"]), "IQ-NA": ("النجف", ["النجف الأشرف"]),
    "IQ-AR": ("أربيل", ["اربيل", "هولير"]), "IQ-SU": ("السليمانية", []), "IQ-BB": ("بابل", []),
    "IQ-BG": ("بغداد", []), "IQ-DA": ("دهوك", []), "IQ-DQ": ("ذي قار", []), "IQ-DI": ("ديالى", []),
    "IQ-KA": ("كربلاء", ["كربلاء المقدسة"]), "IQ-KI": ("كركوك", []), "IQ-MA": ("ميسان", []),
    "IQ-NI": ("نينوى", []), "IQ-SD": ("صلاح الدين", []), "IQ-WA": ("واسط", []),
}


def fold(name):
    return " ".join(TASHKEEL.sub("", name).translate(FOLD).split())


def slug(text):
    text = text.lower().replace("’", "").replace("'", "").replace("‘", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def centroid(geometry):
    """Area-weighted centroid of the largest polygon (shoelace formula)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = None
    for polygon in polygons:
        ring = polygon[0]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if a and (best is None or abs(a) > abs(best[0])):
            best = (a, cx / (3 * a), cy / (3 * a))
    return round(best[2], 4), round(best[1], 4)


class Kb:
    def __init__(self):
        self.entries = {}
        self.owner = {}

    def add(self, entry, curated=False):
        if entry["id"] in self.entries:
            raise SystemExit(f"duplicate id {entry['id']}")
        names = [entry["name_ar"]] + entry.get("variants", [])
        kept = []
        for name in names:
            key = fold(name)
            owner = self.owner.get(key)
            if owner is None:
                self.owner[key] = entry["id"]
                kept.append(name)
            elif curated and owner != entry["id"]:
                raise SystemExit(f"{entry['id']}: name {name!r} already belongs to {owner}")
        if not kept:
            return False
        entry["name_ar"] = kept[0] if entry["name_ar"] not in kept else entry["name_ar"]
        entry["variants"] = [n for n in kept if n != entry["name_ar"]]
        self.entries[entry["id"]] = entry
        return True


def place(id_, kind, name_ar, name_en, variants, lat, lon, country, adm1, precision, parent, source):
    return {"id": id_, "type": "LOC", "kind": kind, "name_ar": name_ar, "name_en": name_en,
            "variants": variants, "geo": {"lat": lat, "lon": lon, "country": country, "adm1": adm1,
                                          "precision": precision}, "parent": parent, "source": source}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "kb")
    args = parser.parse_args()
    geo = args.data / "geo"
    curated = Path(__file__).resolve().parent / "curated"
    kb = Kb()

    def curated_rows(name):
        for line in (curated / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//"):
                yield json.loads(line)

    # People, organisations and sites first: their names are the most specific.
    for name in ("persons.jsonl", "orgs.jsonl", "sites.jsonl"):
        for row in curated_rows(name):
            row.setdefault("variants", [])
            row.setdefault("source", "public fact (Wikipedia)")
            kb.add(row, curated=True)

    # Iraq and the Kurdistan Region.
    kb.add(place("loc:iraq", "country", "العراق", "Iraq", ["جمهورية العراق", "عراق"], 33.0, 44.0,
                 "IQ", None, "country", None, "mledoze/countries (ODbL)"), curated=True)
    kb.add(place("loc:kurdistan-region", "region", "إقليم كردستان", "Kurdistan Region",
                 ["إقليم كردستان العراق", "كردستان العراق", "إقليم كوردستان", "كوردستان", "كردستان"],
                 36.41, 44.39, "IQ", None, "adm1", "loc:iraq", "public fact (Wikipedia)"), curated=True)

    # Cities: curated Arabic names, coordinates and governorate from GeoNames cities500.
    geonames = {r["name"]: r for r in csv.DictReader(open(geo / "iraq" / "iraq_places_geonames_cities500.csv", encoding="utf-8"))}
    for row in curated_rows("cities.jsonl"):
        g = geonames.get(row["geonames"])
        if g is None:
            raise SystemExit(f"{row['id']}: GeoNames place {row['geonames']!r} not in cities500")
        adm1 = g["adm1_iso_3166_2"] or row.get("adm1")
        kb.add(place(row["id"], "city", row["name_ar"], row["name_en"], row.get("variants", []),
                     round(float(g["lat"]), 4), round(float(g["lon"]), 4), "IQ", adm1, "city",
                     None, f"GeoNames {g['geonameid']} (CC BY 4.0); Arabic name curated"), curated=True)

    # Governorates: OCHA COD-AB 2014 boundaries (centroids) and ISO 3166-2:IQ codes.
    features = json.load(open(geo / "iraq" / "iraq_adm1_governorates_ocha2014_simplified.geojson", encoding="utf-8"))["features"]
    gov_id = {}
    for f in features:
        p = f["properties"]
        iso = p["iso_3166_2"]
        name_ar, extra = GOVERNORATE_AR[iso]
        lat, lon = centroid(f["geometry"])
        id_ = f"loc:{slug(p['name_en'])}-governorate"
        gov_id[iso] = id_
        names = [f"محافظة {name_ar}", name_ar, p["name_ar"], *extra, *[f"محافظة {e}" for e in extra]]
        parent = "loc:kurdistan-region" if iso in {"IQ-AR", "IQ-SU", "IQ-DA"} else "loc:iraq"
        kb.add(place(id_, "governorate", names[0], f"{p['name_en']} Governorate", names[1:], lat, lon,
                     "IQ", iso, "adm1", parent, "OCHA COD-AB 2014 (CC BY-IGO)"))
    for entry in kb.entries.values():
        if entry.get("kind") == "city" and entry["parent"] is None:
            entry["parent"] = gov_id.get(entry["geo"]["adm1"])

    # Districts (qadha): OCHA COD-AB 2014 names and representative points.
    for r in csv.DictReader(open(geo / "iraq" / "iraq_adm2_districts_centroids.csv", encoding="utf-8")):
        name_ar = r["name_ar"].strip()
        iso = r["adm1_iso_3166_2"]
        if not name_ar or iso not in ADM1:
            continue
        id_ = f"loc:{slug(r['name_en'])}-district"
        if id_ in kb.entries:
            id_ = f"loc:{slug(r['name_en'])}-{iso[3:].lower()}-district"
        kb.add(place(id_, "district", f"قضاء {name_ar}", f"{r['name_en']} District", [name_ar],
                     round(float(r["lat"]), 4), round(float(r["lon"]), 4), "IQ", iso, "adm2",
                     gov_id[iso], "OCHA COD-AB 2014 (CC BY-IGO)"))

    # Countries of the world (mledoze/countries), with curated extra spellings.
    extra = {}
    for row in curated_rows("country_variants.jsonl"):
        extra[row["cca2"]] = row["variants"]
    for r in csv.DictReader(open(geo / "countries-arabic.tsv", encoding="utf-8"), delimiter="\t"):
        if r["cca2"] == "IQ" or not r["name_ar_common"]:
            continue
        names = [r["name_ar_common"], r["name_ar_official"], *extra.get(r["cca2"], [])]
        kb.add(place(f"loc:{slug(r['name_en'])}", "country", names[0], r["name_en"], names[1:],
                     round(float(r["lat"]), 4), round(float(r["lon"]), 4), r["cca2"], None, "country",
                     None, "mledoze/countries (ODbL)"))

    # Checks.
    for entry in kb.entries.values():
        if entry.get("parent") and entry["parent"] not in kb.entries:
            raise SystemExit(f"{entry['id']}: parent {entry['parent']} does not exist")
        g = entry.get("geo")
        if g:
            assert -90 <= g["lat"] <= 90 and -180 <= g["lon"] <= 180, entry["id"]
            assert g["adm1"] is None or g["adm1"] in ADM1, entry["id"]
        assert entry["type"] in {"PERSON", "ORG", "LOC", "MISC"}, entry["id"]

    args.out.mkdir(parents=True, exist_ok=True)
    files = {"persons.jsonl": [], "orgs.jsonl": [], "places-iraq.jsonl": [], "countries.jsonl": []}
    for entry in sorted(kb.entries.values(), key=lambda e: e["id"]):
        entry = {k: v for k, v in entry.items() if v not in (None, [])}
        if entry["type"] == "PERSON":
            files["persons.jsonl"].append(entry)
        elif entry["type"] in ("ORG", "MISC"):
            files["orgs.jsonl"].append(entry)
        elif entry["geo"]["country"] == "IQ":
            files["places-iraq.jsonl"].append(entry)
        else:
            files["countries.jsonl"].append(entry)
    for name, rows in files.items():
        with open(args.out / name, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        print(f"{name}: {len(rows)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
