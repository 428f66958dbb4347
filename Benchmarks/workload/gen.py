"""Deterministic request-corpus generator for the proportionality benchmark.

Vendored from the shared peer-benchmark harness (../shared/bench/gen.py) so the agreement test and the
benchmarks run from a clean clone; only the output directory is configurable here.

    python gen.py 10000 100000          # writes data/requests-N.jsonl and data/expected-N.jsonl

The stream depends only on SEED, so requests-10000.jsonl is exactly the first
10,000 lines of requests-100000.jsonl. The mix is tuned so that every check
fires on a few percent of requests, about 40% of requests come out "allow",
and boundary values (confidence exactly 0.98, lawful_share exactly 0.1,
duration exactly 180, days_since_notice exactly 2, cohosted_domains exactly 1)
occur, so engines that get a comparison operator wrong disagree visibly.

Floats carry at most 4 decimals so that Cedar's `decimal` extension type (4
fractional digits) represents them exactly.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections import Counter

import reference

SEED = 20251130
HERE = os.path.dirname(os.path.abspath(__file__))
# Where the corpora go: $RIGHTSGATE_BENCH_DATA, else data/ next to this file.
DATA = os.environ.get("RIGHTSGATE_BENCH_DATA") or os.path.join(HERE, "data")

VALID = sorted(reference.VALID_STATUTES)
# Plausible-looking but out-of-list citations (c01 fires), incl. near-misses.
INVALID_STATUTES = ["BrB 16:10c", "brb 16:10a", "BrB 4:4", "BrB 16:10 a", "LSU 2:1", "OL 2:1", ""]
STATUTE_FOR = {
    "csam": ["BrB 16:10a", "BrB 16:10b"],
    "ai_csam": ["BrB 16:10a", "BrB 16:10b"],
    "child_like_doll": ["BrB 16:10a", "BrB 16:10b"],
    "grooming": ["BrB 6:10a"],
    "sex_purchase_ad": ["BrB 6:11"],
    "procuring": ["BrB 6:12"],
    "other": VALID,
}
CATEGORIES = ["csam", "grooming", "sex_purchase_ad", "procuring", "ai_csam", "child_like_doll", "other"]
CATEGORY_W = [38, 10, 13, 10, 11, 8, 10]


def _r4(x: float) -> float:
    return round(x, 4)


def make_request(rng: random.Random, i: int) -> dict:
    category = rng.choices(CATEGORIES, CATEGORY_W)[0]

    if category in ("csam", "ai_csam") and rng.random() < 0.6:
        verification = "hash_match"
    else:
        verification = rng.choices(["human_reviewed", "classifier_only", "hash_match"], [62, 28, 10])[0]

    if verification == "classifier_only":
        u = rng.random()
        if u < 0.08:
            conf = 0.98  # exact boundary: not < 0.98
        elif u < 0.45:
            conf = _r4(rng.uniform(0.98, 1.0))
        else:
            conf = _r4(rng.uniform(0.80, 0.98))
    else:
        conf = _r4(rng.uniform(0.5, 1.0))

    statute = rng.choice(STATUTE_FOR[category])
    if rng.random() < 0.05:
        statute = rng.choice(INVALID_STATUTES)

    kind = rng.choices(["block", "remove", "disable_access"], [55, 33, 12])[0]
    level = rng.choices(["url", "domain", "ip"], [68, 22, 10])[0]

    if kind == "block":
        u = rng.random()
        if u < 0.09:
            duration = rng.choice([181, 270, 365, 730])
        elif u < 0.16:
            duration = 180  # exact boundary: not > 180
        else:
            duration = rng.choice([7, 14, 30, 60, 90, 120])
    else:
        duration = rng.choice([0, 30, 90, 365])  # irrelevant unless kind == block

    scope = rng.choices(["SE", "EU", "global"], [80, 15, 5])[0]

    if level == "ip":
        cohosted = rng.choices([0, 1, rng.randint(2, 5000)], [30, 25, 45])[0]
    else:
        cohosted = rng.randint(0, 2000)

    if level == "domain":
        u = rng.random()
        if u < 0.1:
            lawful = 0.1  # exact boundary: not > 0.1
        elif u < 0.6:
            lawful = _r4(rng.uniform(0.0, 0.1))
        else:
            lawful = _r4(rng.uniform(0.1, 1.0))
    else:
        lawful = _r4(rng.random())

    pub_cert = rng.random() < 0.06

    notified = rng.random() < 0.80
    if notified:
        responded = rng.random() < 0.5
        days = rng.choice([0, 1, 2, 2, 3, 5, 7, 14, 30])
    else:
        responded = False
        days = 0

    return {
        "id": f"req-{i:07d}",
        "action": {
            "kind": kind,
            "level": level,
            "duration_days": duration,
            "territorial_scope": scope,
        },
        "legal_basis": {"statute": statute},
        "content": {
            "category": category,
            "verification": verification,
            "classifier_confidence": conf,
        },
        "target": {
            "cohosted_domains": cohosted,
            "lawful_share": lawful,
            "publication_certificate": pub_cert,
        },
        "host": {"notified": notified, "responded": responded, "days_since_notice": days},
        "requester": {"competent_authority": rng.random() < 0.96},
        "review": {"human_reviewer": rng.random() < 0.9},
        "redress": {"info_provided": rng.random() < 0.88},
    }


def generate(n: int):
    rng = random.Random(SEED)
    for i in range(n):
        yield make_request(rng, i)


def write(n: int, quiet: bool = False) -> tuple[str, str]:
    os.makedirs(DATA, exist_ok=True)
    req_path = os.path.join(DATA, f"requests-{n}.jsonl")
    exp_path = os.path.join(DATA, f"expected-{n}.jsonl")
    outcomes = Counter()
    fired_counts = Counter()
    with open(req_path, "w") as fr, open(exp_path, "w") as fe:
        for req in generate(n):
            fr.write(json.dumps(req, separators=(",", ":")))
            fr.write("\n")
            d = reference.evaluate(req)
            outcomes[d["outcome"]] += 1
            fired_counts.update(d["fired"])
            fe.write(json.dumps(d, separators=(",", ":")))
            fe.write("\n")
    if not quiet:
        print(f"wrote {req_path} ({os.path.getsize(req_path)/1e6:.1f} MB) and {exp_path}")
        print("  outcomes: " + ", ".join(f"{k} {100*outcomes[k]/n:.1f}%" for k in reference.OUTCOMES_BY_SEVERITY))
        print("  fired:    " + ", ".join(f"{c} {100*fired_counts[c]/n:.1f}%" for c in reference.CHECK_IDS))
    return req_path, exp_path


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10000, 100000]
    for n in sizes:
        write(n)


if __name__ == "__main__":
    main(sys.argv[1:])
