#!/usr/bin/env python3
"""build.py converts the upstream gazetteer sources into the TSV files the
entities annotator embeds. See README.md for where each source comes from.

Usage: build.py WORLD_COUNTRIES_JSON CITYMAP_JSON WORDNET_DIR
Writes countries.tsv, m49.tsv, cities.tsv, wordnet.tsv and words.txt.gz next to
this script. igo.tsv and m49-names.txt are inputs kept by hand.
"""
import gzip, json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
latin = re.compile(r"^[A-Za-z][A-Za-z .'’-]*[A-Za-z.]$")


def write(name, rows):
    seen, out = set(), []
    for r in rows:
        r = tuple(x.strip() for x in r)
        if r[0] and (r[0], r[1]) not in seen:
            seen.add((r[0], r[1]))
            out.append(r)
    out.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(here, name), "w") as f:
        for r in out:
            f.write("\t".join(r) + "\n")


def plural(d):
    if d.endswith(("ese", "ss", "sh", "ch", "i")) or d.endswith("Swiss"):
        return None
    return d + "s"


countryNames = set()


def countries(path):
    rows = []
    for c in json.load(open(path)):
        common = c["name"]["common"]
        label = "LOC" if c.get("region") == "Antarctic" and c["cca3"] == "ATA" else "GPE"
        rows.append((common, label, ""))
        countryNames.add(common)
        off = c["name"]["official"]
        if off != common and latin.match(off):
            rows.append((off, label, common))
        for alt in c.get("altSpellings", []):
            # The first spelling is the ISO 3166 alpha-2 code, which is not a
            # name in running text.
            if alt == c["cca2"] or not latin.match(alt) or len(alt) < 3:
                continue
            if alt.islower():
                continue
            rows.append((alt, label, common))
        for cap in c.get("capital", []):
            if latin.match(cap):
                rows.append((cap, "GPE", ""))
        dem = c.get("demonyms", {}).get("eng", {})
        for d in {dem.get("m", ""), dem.get("f", "")}:
            if d and latin.match(d):
                rows.append((d, "NORP", ""))
                p = plural(d)
                if p:
                    rows.append((p, "NORP", ""))
    write("countries.tsv", rows)


def m49():
    rows = []
    variants = [("Eastern ", "East "), ("Western ", "West "), ("Northern ", "North "),
                ("Southern ", "South "), ("South-eastern ", "Southeast "),
                ("South-eastern ", "South-East "), ("South-eastern ", "South East ")]
    for line in open(os.path.join(here, "m49-names.txt")):
        name = line.split("#")[0].strip()
        if not name:
            continue
        names = {name}
        if " and the " in name:
            names.update(name.split(" and the "))
        for n in list(names):
            for a, b in variants:
                if n.startswith(a):
                    names.add(b + n[len(a):])
        for n in sorted(names):
            rows.append((n, "LOC", ""))
            # Region adjectives (Asia → Asian) name peoples: NORP.
            adj = None
            if n.endswith("a"):
                adj = n + "n"
            elif n.endswith("pe"):
                adj = n + "an"
            if adj and " and " not in adj:
                rows.append((adj, "NORP", ""))
                rows.append((adj + "s", "NORP", ""))
    write("m49.tsv", rows)


def cities(path):
    rows = []
    for c in json.load(open(path)):
        if c.get("pop", 0) < 1000000:
            continue
        for n in {c["city"], c["city_ascii"]}:
            if latin.match(n):
                rows.append((n, "GPE", ""))
    write("cities.tsv", rows)


GPE = {"city", "town", "country", "state", "national_capital", "state_capital",
       "provincial_capital", "port", "administrative_district", "municipality",
       "Colony", "kingdom", "sultanate", "emirate", "metropolis", "urban_center"}
ORG = {"organization", "organisation"}
EVENT = {"war", "battle", "military_action", "revolution", "rebellion", "uprising"}
LAW = {"treaty", "pact", "law", "legal_document", "written_agreement", "charter",
       "declaration", "convention"}
FAC = {"structure", "bridge", "canal", "building"}
GROUPORG = {"organization", "movement", "militia", "political_movement", "terrorist_organization",
            "political_party", "army", "military_unit"}
PEOPLE = {"people", "ethnic_group", "tribe", "nation", "family", "dynasty", "house",
          "kin_group", "social_class"}
INSTITUTION = {"university", "institution", "school", "library", "college"}
EVENTWORD = re.compile(r"\b(War|Wars|Battle|Revolution|Rebellion|Uprising|Siege|Massacre|Crisis|Campaign|Offensive|Raid|Invasion|Crusade)\b")
NORPSET = {"inhabitant", "religious_person", "religionist", "follower", "adherent"}


def wordnet(d):
    syn = {}
    for line in open(os.path.join(d, "data.noun"), encoding="latin-1"):
        if line.startswith("  "):
            continue
        p = line.split(" | ")[0].split()
        off, lex = p[0], int(p[1])
        wc = int(p[3], 16)
        words = [p[4 + 2 * i] for i in range(wc)]
        i = 4 + 2 * wc
        pc = int(p[i]); i += 1
        ptrs = []
        for _ in range(pc):
            ptrs.append((p[i], p[i + 1])); i += 4
        syn[off] = (lex, words, ptrs)

    def closure(off):
        seen, st = set(), [off]
        while st:
            for typ, h in syn[st.pop()][2]:
                if typ in ("@", "@i") and h not in seen:
                    seen.add(h); st.append(h)
        return {w for h in seen for w in syn[h][1]}

    # Ordinary words: lemmas WordNet writes in lower case (index files
    # lower-case every lemma, proper names included, so read the data files).
    common = set()
    for pos in ("noun", "verb", "adj", "adv"):
        for line in open(os.path.join(d, "data." + pos), encoding="latin-1"):
            if line.startswith("  "):
                continue
            p = line.split()
            for i in range(int(p[3], 16)):
                w = re.sub(r"\(.*\)$", "", p[4 + 2 * i])
                if re.fullmatch(r"[a-z]+", w):
                    common.add(w)
    with gzip.open(os.path.join(here, "words.txt.gz"), "wt") as f:
        for w in sorted(common):
            f.write(w + "\n")

    def clean(w):
        w = re.sub(r"\(.*\)$", "", w).replace("_", " ")
        return w

    rows = []
    for off, (lex, words, ptrs) in syn.items():
        inst = any(t == "@i" for t, _ in ptrs)
        names = [clean(w) for w in words]
        if not inst and lex == 14 and names and names[0][:1].isupper() and closure(off) & GROUPORG:
            # Named groups that WordNet does not list as instances: Taliban.
            for n in names:
                if n[:1].isupper() and latin.match(n) and (" " in n or n.lower() not in common) and not n.endswith("ism"):
                    rows.append((n, "ORG", ""))
            continue
        if not inst:
            # Peoples: capitalised nouns for inhabitants and believers.
            if lex == 18 and closure(off) & NORPSET:
                for n in names:
                    if all(w[:1].isupper() for w in n.split()) and latin.match(n) and n.lower() not in common:
                        rows.append((n, "NORP", ""))
                        p = plural(n)
                        if p:
                            rows.append((p, "NORP", ""))
            continue
        cl = closure(off)
        if lex == 15:
            label = "GPE" if cl & GPE else "LOC"
        elif lex == 17:
            label = "LOC"
        elif lex == 14 and not cl & PEOPLE:
            label = "ORG"
        elif lex in (4, 11) and cl & EVENT:
            label = "EVENT"
            # Battles named after their place alone (Dien Bien Phu) are
            # places in most texts.
            names = [n for n in names if EVENTWORD.search(n)]
        elif lex == 10 and cl & LAW:
            label = "LAW"
        elif lex == 6 and cl & INSTITUTION:
            label = "ORG"
        elif lex == 6 and cl & FAC:
            label = "FAC"
        elif lex == 18:
            label = "PERSON"
        else:
            continue
        if not names:
            continue
        first = names[0]
        for n in names:
            if not any(w[:1].isupper() for w in n.split("-") + n.split()) or not latin.match(n):
                continue
            if label == "GPE" and n.endswith("s") and n not in countryNames:
                label_n = "LOC"  # the Balkans: countries taken together
            else:
                label_n = label
            if label == "PERSON" and " " not in n:
                continue  # single surnames are too ambiguous
            if " " not in n and n.lower() in common and not (n == first and label in ("GPE", "LOC")):
                continue  # ordinary words (Base, Chang) as aliases
            canon = first if n.isupper() and len(n) > 1 and first != n else ""
            rows.append((n, label_n, canon))
    write("wordnet.tsv", rows)


if __name__ == "__main__":
    countries(sys.argv[1])
    m49()
    cities(sys.argv[2])
    wordnet(sys.argv[3])
