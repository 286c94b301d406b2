#!/usr/bin/env python3
"""Builds Marsad's knowledge base (data/kb/*.jsonl) from public data and curated facts.

Inputs (read-only): ../shared/data/geo (OCHA COD-AB 2014 governorates and districts,
GeoNames cities500 coordinates, m7amad-t/iraq_geo_data subdistrict names,
mledoze/countries) and tools/kb/curated/*.jsonl (people, organisations, sites, Iraqi
cities and neighbourhoods, regional cities and extra spellings, written by hand from
public facts). Output: data/kb/{places-iraq,places-world,countries,persons,orgs}.jsonl,
sorted by id, deterministic.

Every name and variant, once folded (tashkeel and tatweel dropped, أ إ آ ٱ → ا, ة → ه,
ى → ي, ؤ → و, ئ → ي, spaces and underscores collapsed), belongs to one id only.
Curated entries are claimed first and a clash among them is an error. Entries generated
from the public tables come later: when one of them repeats a name already owned (a
district "الموصل" after the city "الموصل"), it keeps only its qualified form
("قضاء الموصل") and the dropped name is listed with --verbose. Bare names that are
common Arabic words (الحي، الدور، عنه …) are never given to generated entries.
A final pass re-checks everything (unique ids, unique folded names, parents exist,
coordinates in range, ISO 3166-2:IQ codes valid) and exits non-zero on any violation.

Run from anywhere:  python3 tools/kb/build_kb.py [--data DIR] [--out DIR] [--verbose]
"""
import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CURATED = Path(__file__).resolve().parent / "curated"
TASHKEEL = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
                      "_": " "})
KURDISH_ONLY = set("ەێۆڕڵڤکیگچپژ")
ADM1 = {"IQ-BG", "IQ-BA", "IQ-NI", "IQ-AN", "IQ-SD", "IQ-DI", "IQ-KI", "IQ-AR", "IQ-SU", "IQ-DA",
        "IQ-BB", "IQ-KA", "IQ-NA", "IQ-QA", "IQ-MU", "IQ-DQ", "IQ-MA", "IQ-WA"}
TYPES = {"PERSON", "ORG", "LOC", "MISC"}
PRECISIONS = {"country", "adm1", "adm2", "adm3", "city", "site"}
# The usual Arabic name of each governorate (OCHA spells some without hamza) and the
# extra spellings owned by the governorate itself ("محافظة X" is always added).
GOVERNORATE_AR = {
    "IQ-AN": ("الأنبار", ["الانبار"]), "IQ-BA": ("البصرة", []), "IQ-MU": ("المثنى", []),
    "IQ-QA": ("القادسية", ["الديوانية"]), "IQ-NA": ("النجف", ["النجف الأشرف"]),
    "IQ-AR": ("أربيل", ["اربيل", "هولير", "هه ولير"]), "IQ-SU": ("السليمانية", []), "IQ-BB": ("بابل", []),
    "IQ-BG": ("بغداد", []), "IQ-DA": ("دهوك", ["دهوك"]), "IQ-DQ": ("ذي قار", ["ذيقار"]),
    "IQ-DI": ("ديالى", ["ديالي"]), "IQ-KA": ("كربلاء", ["كربلاء المقدسة"]), "IQ-KI": ("كركوك", []),
    "IQ-MA": ("ميسان", []), "IQ-NI": ("نينوى", ["نينوي"]), "IQ-SD": ("صلاح الدين", []),
    "IQ-WA": ("واسط", []),
}
# Governorates whose bare name is not also a city of the knowledge base: the bare name
# belongs to the governorate.
KURDISTAN = {"IQ-AR", "IQ-SU", "IQ-DA"}
# Better Arabic names for some OCHA districts (OCHA spelling kept as a variant unless
# it is a common word).
DISTRICT_AR = {
    "Ana": "عانة", "Abu Al-Khaseeb": "أبي الخصيب", "Adhamia": "الأعظمية", "Erbil": "أربيل",
    "Ain Al-Tamur": "عين التمر", "Thethar": "الثرثار", "Azezia": "العزيزية",
    "Thawra1": "الثورة الأول", "Thawra2": "الثورة الثاني", "Tooz": "طوز خورماتو",
    "Fares": "الفارس", "Ka'im": "القائم", "Telafar": "تلعفر", "Sumel": "سميل",
}
DISTRICT_EXTRA = {
    "Abu Al-Khaseeb": ["أبو الخصيب"], "Tooz": ["طوز"], "Shikhan": ["شيخان"],
    "Sharbazher": ["شاربازير"], "Tilkaif": ["تل كيف"], "Dokan": ["دوكان"],
    "Koisnjaq": ["كويه"], "Pshdar": ["بشدر"], "Amedi": ["العمادية"],
}
# Common Arabic words (or names of something else) that a generated place may not own
# bare: it keeps only "قضاء X" / "ناحية X".
COMMON_WORDS = {
    "عنه", "عنة", "الحي", "الدور", "المدينة", "الخضر", "الجزيرة", "القلعة", "الفجر", "النصر", "الناصر",
    "الامام", "العلم", "الوحدة", "الحرية", "القاهرة", "تونس", "الجزائر", "عدن", "المغرب", "البيضاء",
    "البنوك", "الرشيد", "الوليد", "الشموخ", "الغدير", "الامين", "التاميم", "الاصلاح", "الشعلة",
    "اليرموك", "الرياض", "الديار", "الكرمة", "المشروع", "النيل", "الطليعة",
    "عشتار", "الفارس", "الثورة 1", "الثورة 2", "بلد", "سومر", "العظيم", "الرمانة", "الاسلام", "الزاب",
    "زاب", "التاش", "العباسي", "البغدادي", "الفهود", "الحمار", "الصينية", "الهاشمية", "القاسم",
    "الحمزة", "الشامية", "الرفاعي", "الهندية",
}
# Generic words kept out of the bare form even if curated ones differ; names of the
# generated tables mapped to no entry at all.
SKIP_PROVINCES_ADMIN = {"Baghdad", "Kirkuk", "Halabja"}  # iraq-admin.json lists neighbourhoods or wrong levels there
# Known errors of iraq-admin.json: subdistricts listed under the wrong governorate or
# that are not subdistricts, and subdistricts listed under the wrong district.
SUBDISTRICT_SKIP = {
    ("IQ-SD", "الحضر"), ("IQ-DQ", "ذي قار"), ("IQ-SD", "الدور"), ("IQ-BA", "الصفوان"),
    ("IQ-AN", "حقانية"), ("IQ-AN", "باروانة"), ("IQ-AN", "المدينة"), ("IQ-AN", "التاميم"),
    ("IQ-BB", "ابي غرق"), ("IQ-BB", "باب المشهد"), ("IQ-BB", "عشتار"), ("IQ-DQ", "القلعة"),
    ("IQ-BA", "العشار"), ("IQ-BA", "المقل"), ("IQ-BA", "الديار"), ("IQ-DI", "شهربان"), ("IQ-DI", "ابارة"),
}
SUBDISTRICT_RENAME = {("IQ-DQ", "الغرف"): "الغراف", ("IQ-DI", "بهارز"): "بهرز"}
SUBDISTRICT_PARENT = {("IQ-DI", "جلولاء"): "Khanaqin", ("IQ-DI", "مندلي"): "Baladrooz",
                      ("IQ-DI", "قرة تو"): "Khanaqin"}


def fold(name):
    return " ".join(TASHKEEL.sub("", name).translate(FOLD).split())


def slug(text):
    text = text.lower().replace("’", "").replace("'", "").replace("‘", "").replace("ʿ", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fail(message):
    print(f"build_kb: {message}", file=sys.stderr)
    raise SystemExit(1)


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
    def __init__(self, verbose):
        self.entries = {}
        self.owner = {}
        self.verbose = verbose
        self.dropped = []

    def add(self, entry, curated=False):
        """Adds an entry; returns False when it has no name of its own left."""
        if entry["id"] in self.entries:
            fail(f"duplicate id {entry['id']}")
        names = [entry["name_ar"]] + list(entry.get("variants", []))
        kept, keys, seen = [], set(), set()
        for i, name in enumerate(names):
            name = " ".join(name.replace("_", " ").split())
            key = fold(name)
            if not key or key in seen:
                continue
            seen.add(key)
            owner = self.owner.get(key)
            common = not curated and i > 0 and key in COMMON_WORDS_FOLDED
            if owner is None and not common:
                kept.append(name)
                keys.add(key)
            elif curated:
                fail(f"{entry['id']}: name {name!r} already belongs to {owner}")
            else:
                self.dropped.append((entry["id"], name, owner or "common word"))
        if not kept:
            self.dropped.append((entry["id"], "*entry skipped*", ""))
            return False
        for key in keys:
            self.owner[key] = entry["id"]
        if fold(entry["name_ar"]) not in keys:
            entry["name_ar"] = kept[0]
        entry["variants"] = [n for n in kept if n != entry["name_ar"]]
        self.entries[entry["id"]] = entry
        return True


COMMON_WORDS_FOLDED = {fold(w) for w in COMMON_WORDS}
SUBDISTRICT_SKIP = {(iso, fold(n)) for iso, n in SUBDISTRICT_SKIP}
SUBDISTRICT_RENAME = {(iso, fold(n)): new for (iso, n), new in SUBDISTRICT_RENAME.items()}
SUBDISTRICT_PARENT = {(iso, fold(n)): d for (iso, n), d in SUBDISTRICT_PARENT.items()}


def place(id_, kind, name_ar, name_en, variants, lat, lon, country, adm1, precision, parent, source):
    return {"id": id_, "type": "LOC", "kind": kind, "name_ar": name_ar, "name_en": name_en,
            "variants": variants, "geo": {"lat": lat, "lon": lon, "country": country, "adm1": adm1,
                                          "precision": precision}, "parent": parent, "source": source}


def curated_rows(name):
    path = CURATED / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("//"):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                fail(f"{path} line {n}: {e}")


def inside(x, y, ring):
    """Even-odd point-in-polygon test."""
    result = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            result = not result
    return result


def governorate_at(features, lat, lon):
    for f in features:
        g = f["geometry"]
        for polygon in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]):
            if inside(lon, lat, polygon[0]):
                return f["properties"]["iso_3166_2"]
    return None


def validate(entries, features):
    """Independent final check of the whole knowledge base."""
    errors = []
    owner = {}
    for e in entries.values():
        if e.get("type") not in TYPES:
            errors.append(f"{e['id']}: bad type {e.get('type')!r}")
        if not e.get("kind"):
            errors.append(f"{e['id']}: no kind")
        if not re.fullmatch(r"(loc|org|person|misc):[a-z0-9]+(-[a-z0-9]+)*", e["id"]):
            errors.append(f"{e['id']}: id is not a readable slug")
        if e.get("parent") and e["parent"] not in entries:
            errors.append(f"{e['id']}: parent {e['parent']} does not exist")
        if e.get("parent") == e["id"]:
            errors.append(f"{e['id']}: is its own parent")
        for name in [e["name_ar"]] + e.get("variants", []):
            key = fold(name)
            if set(name) & KURDISH_ONLY:
                errors.append(f"{e['id']}: name {name!r} has Kurdish or Persian letters")
            if not re.search("[\u0621-\u064A]", key):
                errors.append(f"{e['id']}: name {name!r} has no Arabic letter")
            if key in owner and owner[key] != e["id"]:
                errors.append(f"name {name!r} ({key}) belongs to both {owner[key]} and {e['id']}")
            owner[key] = e["id"]
        g = e.get("geo")
        if e["type"] == "LOC" and not g:
            errors.append(f"{e['id']}: place without geo")
        if g:
            if not (-90 <= g["lat"] <= 90 and -180 <= g["lon"] <= 180):
                errors.append(f"{e['id']}: coordinates out of range")
            if g["adm1"] is not None and g["adm1"] not in ADM1:
                errors.append(f"{e['id']}: bad adm1 {g['adm1']}")
            if g["adm1"] is not None and g["country"] != "IQ":
                errors.append(f"{e['id']}: adm1 outside Iraq")
            if g["country"] == "IQ" and g["precision"] not in ("country", "adm1") and g["adm1"] is None:
                errors.append(f"{e['id']}: Iraqi place below governorate level without adm1")
            if g["country"] == "IQ" and not (29.0 <= g["lat"] <= 37.5 and 38.7 <= g["lon"] <= 48.7):
                errors.append(f"{e['id']}: Iraqi place outside Iraq's bounding box")
            if g["country"] == "IQ" and g["adm1"] and g["precision"] in ("adm2", "city", "site"):
                found = governorate_at(features, g["lat"], g["lon"])
                if found != g["adm1"]:
                    errors.append(f"{e['id']}: point lies in {found}, not in its adm1 {g['adm1']}")
            if g["precision"] not in PRECISIONS:
                errors.append(f"{e['id']}: bad precision {g['precision']}")
            if not re.fullmatch(r"[A-Z]{2}", g["country"]):
                errors.append(f"{e['id']}: bad country code {g['country']}")
    if errors:
        for err in errors:
            print(f"build_kb: {err}", file=sys.stderr)
        raise SystemExit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "kb")
    parser.add_argument("--verbose", action="store_true", help="list names dropped from generated entries")
    args = parser.parse_args()
    geo = args.data / "geo"
    kb = Kb(args.verbose)

    # 1. People, organisations and sites: their names are the most specific.
    for name in ("persons.jsonl", "orgs.jsonl", "sites.jsonl"):
        for row in curated_rows(name):
            row.setdefault("variants", [])
            row.setdefault("source", "public fact (Wikipedia)")
            kb.add(row, curated=True)

    # 2. Iraq and the Kurdistan Region.
    kb.add(place("loc:iraq", "country", "العراق", "Iraq", ["جمهورية العراق", "عراق"], 33.0, 44.0,
                 "IQ", None, "country", None, "mledoze/countries (ODbL)"), curated=True)
    kb.add(place("loc:kurdistan-region", "region", "إقليم كردستان", "Kurdistan Region",
                 ["إقليم كردستان العراق", "كردستان العراق", "إقليم كوردستان", "كوردستان", "كردستان"],
                 36.41, 44.39, "IQ", None, "adm1", "loc:iraq", "public fact (Wikipedia)"), curated=True)

    # 3. Iraqi cities and towns: curated Arabic names; coordinates and governorate from
    #    GeoNames cities500 when the place is there, else curated public coordinates.
    rows = list(csv.DictReader(open(geo / "iraq" / "iraq_places_geonames_cities500.csv", encoding="utf-8")))
    by_name = {r["name"]: r for r in rows}
    by_id = {r["geonameid"]: r for r in rows}
    used_geonames = set()
    for row in curated_rows("cities.jsonl"):
        kind = row.get("kind", "city")
        if "geonameid" in row or "geonames" in row:
            g = by_id.get(str(row.get("geonameid"))) if "geonameid" in row else by_name.get(row["geonames"])
            if g is None:
                fail(f"{row['id']}: GeoNames place {row.get('geonameid') or row.get('geonames')!r} not in cities500")
            used_geonames.add(g["geonameid"])
            adm1 = row.get("adm1") or g["adm1_iso_3166_2"]
            lat, lon = round(float(g["lat"]), 4), round(float(g["lon"]), 4)
            source = row.get("source", f"GeoNames {g['geonameid']} (CC BY 4.0); Arabic name curated")
            precision = "city"
        else:
            adm1 = row["adm1"]
            lat, lon = row["lat"], row["lon"]
            source = row.get("source", "public fact (Wikipedia); approximate coordinates")
            precision = row.get("precision", "city")
        kb.add(place(row["id"], kind, row["name_ar"], row["name_en"], row.get("variants", []), lat, lon,
                     "IQ", adm1, precision, row.get("parent"), source), curated=True)

    # 4. Governorates: OCHA COD-AB 2014 boundaries (centroids) and ISO 3166-2:IQ codes.
    features = json.load(open(geo / "iraq" / "iraq_adm1_governorates_ocha2014_simplified.geojson", encoding="utf-8"))["features"]
    gov_id = {}
    for f in sorted(features, key=lambda f: f["properties"]["iso_3166_2"]):
        p = f["properties"]
        iso = p["iso_3166_2"]
        if iso not in ADM1:
            fail(f"unknown governorate code {iso}")
        name_ar, extra = GOVERNORATE_AR[iso]
        lat, lon = centroid(f["geometry"])
        id_ = f"loc:{slug(p['name_en'])}-governorate"
        gov_id[iso] = id_
        names = [f"محافظة {name_ar}", name_ar, p["name_ar"], *extra, *[f"محافظة {e}" for e in extra]]
        parent = "loc:kurdistan-region" if iso in KURDISTAN else "loc:iraq"
        kb.add(place(id_, "governorate", names[0], f"{p['name_en']} Governorate", names[1:], lat, lon,
                     "IQ", iso, "adm1", parent, "OCHA COD-AB 2014 (CC BY-IGO)"))
    if len(gov_id) != 18:
        fail(f"expected 18 governorates, found {len(gov_id)}")
    for entry in kb.entries.values():
        if entry["type"] == "LOC" and entry["geo"]["country"] == "IQ" and entry["kind"] != "site" \
                and entry.get("parent") is None and entry["geo"]["adm1"]:
            entry["parent"] = gov_id[entry["geo"]["adm1"]]

    # 5. Countries of the world (mledoze/countries), with curated extra spellings.
    extra = {row["cca2"]: row["variants"] for row in curated_rows("country_variants.jsonl")}
    country_id = {"IQ": "loc:iraq"}
    for r in sorted(csv.DictReader(open(geo / "countries-arabic.tsv", encoding="utf-8"), delimiter="\t"),
                    key=lambda r: r["cca2"]):
        if r["cca2"] == "IQ" or not r["name_ar_common"]:
            continue
        names = [n.replace("ڤ", "ف") for n in [r["name_ar_common"], r["name_ar_official"], *extra.get(r["cca2"], [])]]
        names = [n for n in names if not set(n) & KURDISH_ONLY]  # "مولدوڤا" → "مولدوفا"
        id_ = f"loc:{slug(r['name_en'])}"
        if kb.add(place(id_, "country", names[0], r["name_en"], names[1:],
                        round(float(r["lat"]), 4), round(float(r["lon"]), 4), r["cca2"], None, "country",
                        None, "mledoze/countries (ODbL)")):
            country_id[r["cca2"]] = id_

    # 6. Cities of the region and the world (curated public facts).
    for row in curated_rows("world_cities.jsonl"):
        kb.add(place(row["id"], row.get("kind", "city"), row["name_ar"], row["name_en"], row.get("variants", []),
                     row["lat"], row["lon"], row["country"], None, row.get("precision", "city"),
                     row.get("parent") or country_id.get(row["country"]),
                     row.get("source", "public fact (Wikipedia); approximate coordinates")), curated=True)

    # 7. Districts (qadha): OCHA COD-AB 2014 names and representative points.
    district_by_name = {}
    district_en = {}
    for r in sorted(csv.DictReader(open(geo / "iraq" / "iraq_adm2_districts_centroids.csv", encoding="utf-8")),
                    key=lambda r: r["ocha_pcode"]):
        ocha_ar = r["name_ar"].strip()
        iso = r["adm1_iso_3166_2"]
        if not ocha_ar or iso not in ADM1:
            continue
        name_ar = DISTRICT_AR.get(r["name_en"], ocha_ar)
        id_ = f"loc:{slug(r['name_en'])}-district"
        if id_ in kb.entries:
            id_ = f"loc:{slug(r['name_en'])}-{iso[3:].lower()}-district"
        bare = [name_ar, ocha_ar, *DISTRICT_EXTRA.get(r["name_en"], [])]
        names = [f"قضاء {name_ar}", *[f"قضاء {b}" for b in bare[1:]], *bare]
        lat, lon = round(float(r["lat"]), 4), round(float(r["lon"]), 4)
        if kb.add(place(id_, "district", names[0], f"{r['name_en']} District", names[1:], lat, lon, "IQ", iso,
                        "adm2", gov_id[iso], f"OCHA COD-AB 2014 (CC BY-IGO), {r['ocha_pcode']}")):
            district_en[r["name_en"]] = id_
            for b in bare:
                district_by_name[(iso, fold(b))] = id_

    # A town that gives its name to a district (الموصل, قضاء الموصل) lies in that district.
    for entry in kb.entries.values():
        if entry["type"] == "LOC" and entry["kind"] == "city" and entry["geo"]["country"] == "IQ":
            for name in [entry["name_ar"], *entry["variants"]]:
                district = district_by_name.get((entry["geo"]["adm1"], fold(name)))
                if district:
                    entry["parent"] = district
                    break

    # 8. Subdistricts (nahiya): names from m7amad-t/iraq_geo_data, placed at a GeoNames
    #    town of the same name in the same governorate when there is one, else at their
    #    district's representative point (precision adm2).
    gov_by_name = {}
    for iso, (name_ar, extra_names) in GOVERNORATE_AR.items():
        for n in [name_ar, *extra_names, f"محافظة {name_ar}"]:
            gov_by_name[fold(n)] = iso
    gov_by_name[fold("الانبار")] = "IQ-AN"
    geonames_ar = {}
    for r in rows:
        for n in [r["name_ar"], *r["name_ar_candidates"].split("|")]:
            n = re.sub(r"^(ناحية|مركز|قضاء) ", "", n.strip())
            if n:
                geonames_ar.setdefault((r["adm1_iso_3166_2"], fold(n)), r)
    seen = set()

    def add_subdistrict(iso, parent, name, name_en, variants, source_name):
        key = fold(name)
        g = geonames_ar.get((iso, key))
        if g is not None:
            lat, lon, precision = round(float(g["lat"]), 4), round(float(g["lon"]), 4), "city"
            source = f"name: {source_name}; coordinates: GeoNames {g['geonameid']} (CC BY 4.0)"
        else:
            d = kb.entries[parent]["geo"]
            lat, lon, precision = d["lat"], d["lon"], "adm2"
            source = f"name: {source_name}; coordinates: its district (OCHA COD-AB 2014)"
        id_ = f"loc:{slug(name_en)}-subdistrict"
        if id_ in kb.entries:
            id_ = f"loc:{slug(name_en)}-{iso[3:].lower()}-subdistrict"
        kb.add(place(id_, "subdistrict", f"ناحية {name}", f"{name_en} Subdistrict", [name, *variants],
                     lat, lon, "IQ", iso, precision, parent, source))

    for row in curated_rows("subdistricts.jsonl"):
        parent = district_en.get(row["district"])
        if parent is None:
            fail(f"subdistricts.jsonl: unknown district {row['district']!r}")
        iso = kb.entries[parent]["geo"]["adm1"]
        seen.add((iso, fold(row["name_ar"])))
        add_subdistrict(iso, parent, row["name_ar"], row["name_en"], row.get("variants", []),
                        "public fact (Wikipedia, districts of Iraq)")

    admin = json.load(open(geo / "iraq-admin.json", encoding="utf-8"))
    # The later "محافظة X" sections of the file are the more careful ones: read them first.
    provinces = sorted(admin["provinces"], key=lambda p: not p["arbName"].startswith("محافظة"))
    for prov in provinces:
        if prov["engName"] in SKIP_PROVINCES_ADMIN:
            continue
        iso = gov_by_name.get(fold(prov["arbName"]))
        if iso is None:
            continue
        for dist in prov["districts"]:
            dname = re.sub(r"^قضاء ", "", dist["arbName"]).strip()
            if set(dname) & KURDISH_ONLY:
                continue
            parent = district_by_name.get((iso, fold(dname)))
            if parent is None:
                continue
            district_parent = parent
            for sub in dist.get("subdistricts", []):
                parent = district_parent
                name = re.sub(r"\s*\(.*\)", "", sub["arbName"]).strip()
                name = SUBDISTRICT_RENAME.get((iso, fold(name)), name)
                key = fold(name)
                if not name or set(name) & KURDISH_ONLY or (iso, key) in seen:
                    continue
                seen.add((iso, key))
                if (iso, key) in district_by_name or (iso, key) in SUBDISTRICT_SKIP:
                    continue  # a district (or its centre) itself, or a known error
                if (iso, key) in SUBDISTRICT_PARENT:
                    parent = district_en[SUBDISTRICT_PARENT[(iso, key)]]
                add_subdistrict(iso, parent, name, sub["engName"], [], "m7amad-t/iraq_geo_data (MIT)")

    validate(kb.entries, features)
    if args.verbose:
        for id_, name, owner in kb.dropped:
            print(f"dropped {name!r} from {id_} (owned by {owner})", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    files = {"persons.jsonl": [], "orgs.jsonl": [], "places-iraq.jsonl": [], "places-world.jsonl": [],
             "countries.jsonl": []}
    for entry in sorted(kb.entries.values(), key=lambda e: e["id"]):
        entry = {k: v for k, v in entry.items() if v not in (None, [])}
        if entry["type"] == "PERSON":
            files["persons.jsonl"].append(entry)
        elif entry["type"] in ("ORG", "MISC"):
            files["orgs.jsonl"].append(entry)
        elif entry["geo"]["country"] == "IQ":
            files["places-iraq.jsonl"].append(entry)
        elif entry["kind"] == "country":
            files["countries.jsonl"].append(entry)
        else:
            files["places-world.jsonl"].append(entry)
    counts = {}
    for name, rows_out in files.items():
        with open(args.out / name, "w", encoding="utf-8") as out:
            for row in rows_out:
                out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
                counts[(row["type"], row["kind"])] = counts.get((row["type"], row["kind"]), 0) + 1
        print(f"{name}: {len(rows_out)} entries", file=sys.stderr)
    for (t, k), n in sorted(counts.items()):
        print(f"  {t:6} {k:18} {n}", file=sys.stderr)
    print(f"total: {len(kb.entries)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
