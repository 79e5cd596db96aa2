"""Synthetic news-like articles for benchmarks, with planted story clusters and near-duplicates.

``generate(n, seed)`` streams ``n`` article dicts built from templates and vocabularies (countries,
officials, commodities, industries...). Articles come in *story clusters*: several outlets report
the same synthetic event (same facts, paraphrased wording), and some articles are near-verbatim
re-publications of another (``duplicate_of``). The truth is carried on each record (``story``,
``duplicate_of``), so clustering and deduplication can be scored against it.

Deterministic for a given seed (one ``random.Random``; no set iteration, no ``hash()``) and fast:
plain string formatting only (tens of thousands of articles per second on one core).

    python bench/synth.py --n 20000            # prints throughput and cluster figures
    python bench/synth.py --n 500 --html out/  # also writes simple HTML pages
"""

from __future__ import annotations

import argparse
import html
import json
import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

START = datetime(2026, 11, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------- vocabularies

COUNTRIES = [  # name, adjective, capital
    ("Japan", "Japanese", "Tokyo"), ("South Korea", "South Korean", "Seoul"), ("China", "Chinese", "Beijing"),
    ("the United States", "U.S.", "Washington"), ("Australia", "Australian", "Canberra"),
    ("India", "Indian", "New Delhi"), ("Indonesia", "Indonesian", "Jakarta"), ("Vietnam", "Vietnamese", "Hanoi"),
    ("the Philippines", "Philippine", "Manila"), ("Germany", "German", "Berlin"), ("France", "French", "Paris"),
    ("the United Kingdom", "British", "London"), ("Canada", "Canadian", "Ottawa"), ("Brazil", "Brazilian", "Brasilia"),
    ("Mexico", "Mexican", "Mexico City"), ("Turkey", "Turkish", "Ankara"), ("Poland", "Polish", "Warsaw"),
    ("Italy", "Italian", "Rome"), ("Thailand", "Thai", "Bangkok"), ("Malaysia", "Malaysian", "Kuala Lumpur"),
    ("Chile", "Chilean", "Santiago"), ("Kazakhstan", "Kazakh", "Astana"), ("Saudi Arabia", "Saudi", "Riyadh"),
    ("South Africa", "South African", "Pretoria"),
]
GIVEN = ["Aiko", "Kenji", "Min-jun", "Seo-yeon", "Wei", "Lin", "Daniel", "Laura", "Priya", "Arjun", "Siti",
         "Budi", "Linh", "Minh", "Maria", "Jose", "Anna", "Lukas", "Claire", "Julien", "Oliver", "Emma",
         "Lucas", "Sofia", "Mehmet", "Elif", "Katarzyna", "Piotr", "Giulia", "Marco", "Somchai", "Nurul",
         "Aigerim", "Omar", "Thandiwe", "Camila", "Haruto", "Ji-ho", "Rahul", "Ingrid"]
FAMILY = ["Takeda", "Morishita", "Kang", "Yoon", "Zhao", "Feng", "Whitaker", "Holloway", "Raman", "Mehta",
          "Santoso", "Wibowo", "Nguyen", "Tran", "Reyes", "Castillo", "Becker", "Hoffmann", "Laurent",
          "Moreau", "Ashford", "Pemberton", "Moreira", "Duarte", "Ozturk", "Aydin", "Nowak", "Wojcik",
          "Ricci", "Conti", "Srisuk", "Rahman", "Nurlanov", "Haddad", "Mokoena", "Fuentes", "Arakawa", "Seong",
          "Bhatt", "Lindqvist"]
OFFICES = ["Foreign Minister", "Trade Minister", "Defense Minister", "Industry Minister", "Prime Minister"]
COMMODITIES = ["gallium", "germanium", "graphite", "rare-earth magnets", "antimony", "tungsten",
               "lithium hydroxide", "cobalt", "high-purity silicon", "nickel matte", "indium", "vanadium"]
INDUSTRIES = ["semiconductor packaging", "battery materials", "shipbuilding", "power semiconductors",
              "pharmaceutical ingredients", "advanced displays", "drone components", "undersea cables"]
PRODUCTS = ["auto parts", "steel products", "aluminum sheet", "solar panels", "electric vehicles",
            "machine tools", "beef", "semiconductor equipment"]
SECTORS = ["port terminal", "hospital network", "railway ticketing system", "regional power utility",
           "customs clearance system", "water utility", "airport check-in system", "logistics company"]
TOPICS = ["supply chains for critical minerals", "export controls", "maritime security", "energy security",
          "the protection of sensitive technologies", "economic coercion", "cyber defense", "space security"]
AGREEMENTS = ["launch a regular dialogue on {topic}", "sign a memorandum of cooperation on {topic}",
              "set up a joint working group on {topic}", "hold a ministerial meeting on {topic} next year"]
TRIGGERS = ["after a ballistic missile launch", "following a cyber attack on government networks",
            "as tensions rose in the region", "ahead of a summit next month"]
OUTLET_WORDS = (["Meridian", "Harbor", "Capital", "Pacific", "Northern", "Eastern", "Continental", "Metro",
                 "Coastal", "Global", "Daily", "Summit", "Lantern", "Beacon", "Crossroads"],
                ["Times", "Herald", "Post", "Ledger", "Wire", "Observer", "Tribune", "Journal", "Dispatch",
                 "Chronicle", "Review", "Gazette"])
ZONES = [UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5)), timezone(timedelta(hours=1)),
         timezone(timedelta(hours=8)), timezone(timedelta(hours=5, minutes=30))]

# ---------------------------------------------------------------------------- templates (paraphrase sets)

HEADLINES = {
    "meeting": ["{adj_a}, {adj_b} foreign ministers agree to {agreement}",
                "{fm_a} and {fm_b} meet in {place}, pledge cooperation on {topic}",
                "{country_a} and {country_b} to {agreement} after talks in {place}",
                "Foreign ministers of {country_a}, {country_b} hold talks on {topic}"],
    "phone_call": ["{fm_a}, {fm_b} hold phone talks {trigger}",
                   "{adj_a} and {adj_b} foreign ministers speak by phone {trigger}",
                   "{country_a}, {country_b} ministers confer by telephone on {topic}"],
    "export_control": ["{country_a} to require licences for {commodity} exports from {effective}",
                       "{country_a} tightens export controls on {commodity}",
                       "{adj_a} curbs on {commodity} exports to take effect {effective}",
                       "{country_a} widens controls on {commodity}, citing national security"],
    "tariff": ["{country_a} and {country_b} agree on {rate}% tariff on {product}",
               "{adj_a}-{adj_b} deal sets {rate}% tariff on {product}, {invest} billion dollars investment",
               "{country_b} says {country_a} will cut tariff on {product} to {rate}%",
               "Trade deal: {product} tariff at {rate}% as {country_b} pledges {invest} billion dollars"],
    "subsidy": ["{country_a} earmarks {amount} billion dollars for {industry}",
                "{country_a} to subsidize {industry} with up to {amount} billion dollars",
                "{adj_a} government backs {company} {industry} plant with {amount} billion dollar aid"],
    "appointment": ["{person_new} named new {office} of {country_a}",
                    "{country_a} appoints {person_new} as {office}, replacing {person_old}",
                    "{adj_a} {office} {person_old} replaced by {person_new}"],
    "cyber": ["Cyber attack disrupts {sector} in {city}",
              "Ransomware hits {sector} in {city}, operations halted for {hours} hours",
              "{adj_a} authorities investigate attack on {city} {sector}"],
}
LEADS = {
    "meeting": [("{adj_a} Foreign Minister {fm_a} and his {adj_b} counterpart {fm_b} agreed on {weekday} to "
                "{agreement} during talks in {place}."),
                ("The foreign ministers of {country_a} and {country_b} met in {place} on {weekday} and agreed to "
                "{agreement}, officials said."),
                ("{fm_b}, the foreign minister of {country_b}, held talks with {adj_a} Foreign Minister {fm_a} in "
                "{place} on {weekday}, and the two agreed to {agreement}.")],
    "phone_call": [("{adj_a} Foreign Minister {fm_a} and {adj_b} Foreign Minister {fm_b} held phone talks on "
                   "{weekday} {trigger}."),
                   ("The foreign ministers of {country_a} and {country_b} spoke by telephone on {weekday} "
                   "{trigger}, the {adj_a} foreign ministry said."),
                   "{fm_a} and {fm_b} talked by phone for about {minutes} minutes on {weekday} {trigger}."],
    "export_control": [("{country_a} will require exporters of {commodity} to obtain government licences from "
                       "{effective}, its commerce ministry said on {weekday}."),
                       ("The {adj_a} commerce ministry said on {weekday} that exports of {commodity} will need a "
                       "licence starting {effective}, widening controls on critical materials."),
                       ("Starting {effective}, shipments of {commodity} from {country_a} will need an export "
                       "licence, the government announced on {weekday}.")],
    "tariff": [("{country_a} will apply a {rate}% tariff on {product} from {country_b} under a deal reached this "
               "week, officials said on {weekday}, in exchange for {invest} billion dollars of investment."),
               ("{country_b} says {country_a} has agreed to set its tariff on {product} at {rate}%, with "
               "{country_b} facilitating {invest} billion dollars in investment, its negotiator said on {weekday}."),
               ("Under an agreement announced on {weekday}, {product} from {country_b} will face a {rate}% tariff "
               "in {country_a}, and {country_b} will invest {invest} billion dollars.")],
    "subsidy": [("{country_a} will provide up to {amount} billion dollars in subsidies for {industry}, "
                "{industry_minister} said on {weekday}."),
                ("The {adj_a} government said on {weekday} it would spend as much as {amount} billion dollars to "
                "support {industry}, including a new plant by {company}."),
                ("{industry_minister}, the industry minister of {country_a}, announced on {weekday} subsidies of up "
                "to {amount} billion dollars for {industry}.")],
    "appointment": [("{leader} on {weekday} appointed {person_new} as {office}, replacing former minister "
                    "{person_old}."),
                    ("{person_new} became {country_a}'s new {office} on {weekday}, succeeding {person_old}, who "
                    "stepped down last month."),
                    ("New {office} {person_new} took office on {weekday} after {leader} accepted the resignation "
                    "of former minister {person_old}.")],
    "cyber": [("A cyber attack on the {sector} in {city} halted operations for about {hours} hours on {weekday}, "
              "officials said."),
              ("Operations at the {sector} in {city} were disrupted for {hours} hours on {weekday} after a "
              "ransomware attack, according to the operator."),
              ("{adj_a} authorities said on {weekday} they were investigating a ransomware attack that stopped the "
              "{sector} in {city} for {hours} hours.")],
}
DETAILS = {
    "meeting": ["The talks lasted about {minutes} minutes, according to the {adj_a} side.",
                "It was {fm_b}'s first visit to {country_a} since taking office.",
                "The two ministers also discussed {topic2} and agreed to stay in close contact.",
                "Officials said the first round of the new framework would be held early next year."],
    "phone_call": ["The call lasted about {minutes} minutes.",
                   "The two ministers agreed to coordinate closely on {topic}.",
                   "They also discussed preparations for a visit by {fm_b} to {place} next month."],
    "export_control": [("Exporters will have to disclose end users and certify that the products will not be "
                       "put to military use."),
                       ("{spokesperson}, a ministry spokesperson, said the measure was in line with international "
                       "practice."),
                       ("Contracts signed before {effective} will not be affected if shipments are completed "
                       "within two months, the ministry said.")],
    "tariff": ["The current tariff rate on {product} is 25%.",
               "An annex setting out the details will be published in the coming weeks.",
               "{trade_a} described the agreement as a win for both sides."],
    "subsidy": ["Companies receiving the money must keep production in {country_a} for at least {years} years.",
                "The plant built by {company} is expected to start production in {year}.",
                "The funds will be included in a supplementary budget."],
    "appointment": ["{person_new}, {age}, previously served as a vice minister.",
                    "{person_old} had faced criticism over a procurement scandal.",
                    "The new minister pledged to strengthen cooperation with allies."],
    "cyber": ["No leak of personal data has been confirmed, officials said.",
              "About {ships} ships and hundreds of trucks were delayed.",
              "Police are investigating, and the national cybersecurity agency sent experts to the site."],
}
QUOTES = ["\"This is an important step for the stability of the region,\" {speaker} told reporters.",
          "\"We will continue to work closely with our partners,\" {speaker} said.",
          "\"We will respond calmly and appropriately,\" {speaker} said at a news conference.",
          "{speaker} said the decision reflected \"a rapidly changing strategic environment.\""]
# background sentences: opener + subject + verb phrase + tail, for combinatorial variety
BG_OPEN = ["In recent years,", "Since 2023,", "According to analysts,", "Officials say", "Meanwhile,",
           "At the same time,", "Industry groups say", "Over the past decade,", "Experts note that", "Separately,"]
BG_SUBJ = [("{country_a}", "has"), ("{country_b}", "has"), ("the {adj_a} government", "has"),
           ("governments in the region", "have"), ("companies in {country_b}", "have"),
           ("{adj_a} manufacturers", "have"), ("the two countries", "have"), ("investors", "have"),
           ("policymakers in {capital_a}", "have"), ("the ruling coalition in {country_b}", "has")]
BG_VERB = ["stepped up efforts to secure", "grown increasingly concerned about", "been reviewing exposure to",
           "sought to diversify", "called for closer talks on", "spent heavily on", "warned of risks to",
           "pushed for rules on"]
BG_OBJ = ["{topic}", "{topic2}", "supplies of {commodity}", "{industry}", "trade with {country_b}",
          "investment screening", "stockpiles of critical materials", "the security of shipping lanes"]
BG_TAIL = ["", " amid rising geopolitical tensions", " as competition between major powers intensifies",
           " after disruptions in {year}", " according to government data", " despite rising costs",
           " with mixed results", " in cooperation with {country_b}"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENT_TYPES = ["meeting", "phone_call", "export_control", "tariff", "subsidy", "appointment", "cyber"]
WIRE_CREDITS = ["\u00a9 Pacific Wire", "(Harbor News Agency)", "-- Continental Press"]
SWAPS = [(" said ", " told reporters "), (" agreed ", " decided "), (" about ", " roughly "),
         ("Officials said", "Government officials said"), (" also ", " further "), (" the two ", " both ")]


# ---------------------------------------------------------------------------- the generator

class _Cast:
    """Per-seed vocabulary: officials per country and office, outlets, companies."""

    def __init__(self, rng: random.Random):
        self.officials = {(c[0], o): f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for c in COUNTRIES for o in OFFICES}
        self.outlets = []
        for i in range(40):
            name = f"The {OUTLET_WORDS[0][i % 15]} {OUTLET_WORDS[1][(i * 7 + i // 15) % 12]}"
            host = name.lower().replace("the ", "").replace(" ", "") + ".example.org"
            self.outlets.append((name, host, ZONES[i % len(ZONES)]))
        self.companies = [
            f"{rng.choice(FAMILY)} {rng.choice(['Microdevices', 'Materials', 'Industries', 'Heavy', 'Circuits'])}"
            for _ in range(60)
        ]


def _event_facts(rng: random.Random, cast: _Cast, etype: str, idx: int) -> dict:
    a, b = rng.sample(COUNTRIES, 2)
    when = START + timedelta(hours=idx * 3 + rng.randrange(3))
    office = rng.choice(OFFICES[:4])
    f = {
        "etype": etype,
        "when": when,
        "country_a": a[0],
        "adj_a": a[1],
        "capital_a": a[2],
        "country_b": b[0],
        "adj_b": b[1],
        "place": a[2],
        "city": rng.choice([a[2], b[2]]),
        "weekday": WEEKDAYS[when.weekday()],
        "fm_a": cast.officials[(a[0], "Foreign Minister")],
        "fm_b": cast.officials[(b[0], "Foreign Minister")],
        "trade_a": cast.officials[(a[0], "Trade Minister")],
        "industry_minister": cast.officials[(a[0], "Industry Minister")],
        "leader": f"{a[1]} Prime Minister {cast.officials[(a[0], 'Prime Minister')]}",
        "office": office,
        "person_old": cast.officials[(a[0], office)],
        "person_new": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "age": rng.randrange(48, 70),
        "topic": rng.choice(TOPICS),
        "topic2": rng.choice(TOPICS),
        "commodity": rng.choice(COMMODITIES),
        "industry": rng.choice(INDUSTRIES),
        "product": rng.choice(PRODUCTS),
        "sector": rng.choice(SECTORS),
        "trigger": rng.choice(TRIGGERS),
        "company": rng.choice(cast.companies),
        "spokesperson": f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
        "effective": (when + timedelta(days=rng.randrange(10, 45))).strftime("%B %-d"),
        "rate": rng.choice([10, 12.5, 15, 7.5, 20]),
        "invest": rng.choice([80, 120, 150, 200, 350]),
        "rate_b": rng.choice([5, 11, 17.5]),
        "invest_b": rng.choice([90, 175, 250]),
        "amount": rng.choice([1.2, 2.5, 3.1, 4.8, 6.0]),
        "hours": rng.randrange(4, 30),
        "minutes": rng.choice([20, 30, 45, 60, 90]),
        "years": rng.choice([5, 8, 10]),
        "ships": rng.randrange(10, 60),
        "year": rng.randrange(2019, 2026),
    }
    f["agreement"] = rng.choice(AGREEMENTS).format(topic=f["topic"])
    f["_bg"] = _background_parts(rng.random, f)
    f["speaker"] = {
        "meeting": f["fm_a"],
        "phone_call": f["fm_b"],
        "tariff": f["trade_a"],
        "subsidy": f["industry_minister"],
        "appointment": f["person_new"],
    }.get(etype, f["spokesperson"])
    return f


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _background_parts(rnd, f: dict) -> tuple[list[str], list[str]]:
    """Background sentence halves filled in once per event (openers with subjects, and a random
    draw of 64 predicates), so each sentence costs two random draws and one concatenation."""
    subjects = [f"{subj.format_map(f)} {aux}" for subj, aux in BG_SUBJ]
    objects = [o.format_map(f) for o in BG_OBJ]
    tails = [t.format_map(f) for t in BG_TAIL]
    heads = [f"{o} {s}" for o in BG_OPEN for s in subjects]
    nv, no, nt = len(BG_VERB), len(objects), len(tails)
    preds = [f"{BG_VERB[int(rnd() * nv)]} {objects[int(rnd() * no)]}{tails[int(rnd() * nt)]}." for _ in range(64)]
    return heads, preds


def _background(rnd, parts: tuple[list[str], list[str]], count: int) -> str:
    """``count`` background sentences as one paragraph."""
    heads, preds = parts
    nh, np_ = len(heads), len(preds)
    return " ".join(f"{heads[int(rnd() * nh)]} {preds[int(rnd() * np_)]}" for _ in range(count))


def _article(rng: random.Random, cast: _Cast, f: dict, story: str, aid: str) -> dict:
    """One outlet's paraphrased report of the event ``f``."""
    et = f["etype"]
    outlet, host, zone = rng.choice(cast.outlets)
    claims = None
    if et == "tariff":  # the two sides give different numbers: half the reports carry side B's version
        if rng.random() < 0.5:
            f = dict(f, rate=f["rate_b"], invest=f["invest_b"])
        claims = {"rate": f["rate"], "invest": f["invest"]}
    title = rng.choice(HEADLINES[et]).format_map(f)
    title = title[0].upper() + title[1:]
    paras = [_cap(rng.choice(LEADS[et]).format_map(f))]
    details = rng.sample(DETAILS[et], rng.randrange(2, len(DETAILS[et]) + 1))
    paras.append(" ".join(_cap(d.format_map(f)) for d in details))
    paras.append(rng.choice(QUOTES).format_map(f))
    target = rng.randrange(300, 801)
    words = sum(len(p.split()) for p in paras)
    rnd, parts = rng.random, f["_bg"]
    while words < target:
        para = _background(rnd, parts, 2 + int(rnd() * 3))
        size = len(para.split())
        if words + size > 800:
            break
        paras.append(para)
        words += size
    published = (f["when"] + timedelta(minutes=rng.randrange(30, 2880))).astimezone(zone)
    slug = "-".join(title.lower().replace(",", "").replace("%", "pct").split()[:8])
    return {
        "id": aid,
        "title": title,
        "body": "\n\n".join(paras),
        "outlet": outlet,
        "published": published.isoformat(),
        "url": f"https://{host}/{published:%Y/%m/%d}/{slug}-{aid}",
        "story": story,
        "event_type": et,
        "duplicate_of": None,
        "words": words,
        "claims": claims,
    }


def _near_duplicate(rng: random.Random, cast: _Cast, orig: dict, aid: str) -> dict:
    """Another outlet's re-publication: one paragraph dropped, a few words swapped, a wire credit added."""
    paras = orig["body"].split("\n\n")
    drop = rng.randrange(3, len(paras)) if len(paras) > 4 else None
    if drop is not None and orig["words"] - len(paras[drop].split()) >= 300:  # stay within 300-800 words
        del paras[drop]
    for old, new in rng.sample(SWAPS, 2):
        paras[1] = paras[1].replace(old, new, 1)
    paras.append(rng.choice(WIRE_CREDITS))
    body = "\n\n".join(paras)
    outlet, host, zone = rng.choice(cast.outlets)
    published = datetime.fromisoformat(orig["published"]) + timedelta(minutes=rng.randrange(20, 600))
    title = "UPDATE 1-" + orig["title"] if rng.random() < 0.5 else orig["title"]
    path = orig["url"].split("/", 3)[3][: -len(orig["id"])]
    return dict(
        orig,
        id=aid,
        title=title,
        body=body,
        outlet=outlet,
        published=published.astimezone(zone).isoformat(),
        url=f"https://{host}/{path}{aid}",
        duplicate_of=orig["id"],
        words=len(body.split()),
    )


def generate(n: int, seed: int = 0, *, dup_rate: float = 0.06, max_cluster: int = 6) -> Iterator[dict]:
    """``n`` synthetic articles; clusters of 1..max_cluster reports per event, interleaved in small windows.

    Each dict: id, title, body (300-800 words in paragraphs), outlet, published (ISO 8601 with offset),
    url, story (the planted cluster id), event_type, duplicate_of (id of the original or None), words,
    claims (for tariff stories, the numbers this report gives: the two sides' versions disagree).
    """
    rng = random.Random(seed)
    cast = _Cast(rng)
    buffer: list[dict] = []
    made = event = 0
    while made < n:
        f = _event_facts(rng, cast, EVENT_TYPES[rng.randrange(len(EVENT_TYPES))], event)
        story = f"s{seed}-{event:06d}"
        event += 1
        size = 1 if rng.random() < 0.4 else rng.randrange(2, max_cluster + 1)
        for _ in range(size):
            if made >= n:
                break
            art = _article(rng, cast, f, story, f"{seed}-{made:07d}")
            buffer.append(art)
            made += 1
            if made < n and rng.random() < dup_rate:
                buffer.append(_near_duplicate(rng, cast, art, f"{seed}-{made:07d}"))
                made += 1
        if len(buffer) >= 64:
            rng.shuffle(buffer)
            yield from buffer
            buffer = []
    rng.shuffle(buffer)
    yield from buffer


# ---------------------------------------------------------------------------- HTML pages


def to_html(art: dict) -> str:
    """A small, plausible article page for one synthetic article."""
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in art["body"].split("\n\n"))
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(art["title"])} | '
        f'{e(art["outlet"])}</title>\n<meta property="og:site_name" content="{e(art["outlet"])}">\n'
        f'<meta property="og:title" content="{e(art["title"])}">\n'
        f'<meta property="article:published_time" content="{art["published"]}">\n'
        f'<link rel="canonical" href="{e(art["url"])}"></head>\n<body><header><a href="/">{e(art["outlet"])}</a>'
        f'<nav><a href="/world">World</a> <a href="/business">Business</a></nav></header>\n'
        f'<article><h1>{e(art["title"])}</h1><time datetime="{art["published"]}">{art["published"][:10]}</time>\n'
        f'{body}\n</article><footer><p>Subscribe to our newsletter</p><p>&copy; 2026 {e(art["outlet"])}</p>'
        f'</footer></body></html>\n'
    )


def write_html_pages(dir: str | Path, n: int, seed: int = 0) -> list[Path]:
    """Write ``n`` synthetic articles as HTML pages into ``dir`` plus ``truth.jsonl`` (id, file, story,
    duplicate_of); returns the page paths in generation order."""
    out = Path(dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    with open(out / "truth.jsonl", "w", encoding="utf-8") as truth:
        for art in generate(n, seed):
            path = out / f"{art['id']}.html"
            path.write_text(to_html(art), encoding="utf-8")
            paths.append(path)
            truth.write(
                json.dumps(
                    {
                        "id": art["id"],
                        "file": path.name,
                        "url": art["url"],
                        "story": art["story"],
                        "duplicate_of": art["duplicate_of"],
                    }
                )
                + "\n"
            )
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--html", help="also write HTML pages into this folder")
    args = ap.parse_args()
    t0 = time.process_time()  # CPU time: the figure should not depend on other load on the machine
    arts = list(generate(args.n, args.seed))
    dt = time.process_time() - t0
    stories: dict[str, int] = {}
    for a in arts:
        stories[a["story"]] = stories.get(a["story"], 0) + 1
    multi = sum(1 for c in stories.values() if c > 1)
    dups = sum(1 for a in arts if a["duplicate_of"])
    words = sum(a["words"] for a in arts) / len(arts)
    print(
        f"{len(arts)} articles in {dt:.2f}s CPU ({len(arts) / dt:,.0f}/s); {len(stories)} stories, "
        f"{multi} with 2+ articles; {dups} near-duplicates; {words:.0f} words on average"
    )
    if args.html:
        t0 = time.perf_counter()
        write_html_pages(args.html, args.n, args.seed)
        print(f"wrote {args.n} pages to {args.html} in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
