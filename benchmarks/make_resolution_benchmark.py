"""Generate the labelled same-event resolution benchmark (fixed seed, committed output).

Usage: python benchmarks/make_resolution_benchmark.py [OUT [SEED]]
(default OUT: benchmarks/data/resolution_benchmark.jsonl)

Each line is one event mention as the extractor would code it (the Extraction
contract's fields) plus publisher, source_kind, stance, published and the gold
``event_key``. The templates encode what real Afghanistan reporting looks like:
- spellings: Andarab/Andrab, Panjshir/Panjsher, Paktia/Paktya, Khenj/Khinj ...;
- precision: a claim names the village, news the district, a denial the province;
- dates: exact, "last night" resolved a day late, "last week" (week
  precision), UN / NGO summaries weeks later with month precision;
- figures: claims inflate, news round, UN confirms fewer; denials give none;
- stances: NRF / AFF / ISKP claims, Taliban denials, UNAMA confirmations;
- hard negatives: two clashes on one day in neighbouring districts (one roundup
  document reports both), repeated raids on one village a week apart, two attacks
  in one district a few days apart, two Kabul bombings in one week.
The places and names are a small hand-written table for this benchmark only.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

SEED = 20240917
OUT = Path(__file__).parent / "data" / "resolution_benchmark.jsonl"

# province -> (code, spellings, {district: (spellings, lat, lon, villages)})
PLACES = {
    "Panjshir": ("AF-PAN", ["Panjshir", "Panjsher"], {
        "Dara": (["Dara", "Darah"], 35.37, 69.83, ["Abdullah Khil", "Sufian"]),
        "Paryan": (["Paryan", "Parian"], 35.60, 70.02, ["Dasht-e Rewat", "Tawakh"]),
        "Khenj": (["Khenj", "Khinj"], 35.43, 69.73, ["Omarz", "Khenj Bazaar"]),
        "Rokha": (["Rokha", "Rukha"], 35.25, 69.48, ["Malaspa", "Shahr-e Bazorg"]),
        "Bazarak": (["Bazarak"], 35.31, 69.52, ["Jangalak", "Safed Chehr"]),
        "Shutul": (["Shutul", "Shotul"], 35.25, 69.33, ["Dehkhoda"]),
    }),
    "Baghlan": ("AF-BGL", ["Baghlan"], {
        "Andarab": (["Andarab", "Andrab", "Andarab Valley"], 35.63, 69.98, ["Banu", "Qasan", "Zardalu"]),
        "Khost wa Fereng": (["Khost wa Fereng", "Khost-o-Fereng"], 35.40, 69.60, ["Kiwan", "Pul-e Khost"]),
        "Deh Salah": (["Deh Salah", "Dih Salah"], 35.69, 69.30, ["Deh Salah Bazaar", "Dasht-e Qazi"]),
        "Pul-e Hesar": (["Pul-e Hesar", "Pul-i-Hisar"], 35.62, 69.50, ["Sar-e Pul-e Hesar"]),
    }),
    "Parwan": ("AF-PAR", ["Parwan"], {
        "Salang": (["Salang"], 35.31, 69.03, ["Khenjan Pass", "Ulang"]),
        "Shinwari": (["Shinwari", "Shinwaray"], 35.05, 68.77, ["Sia Gird"]),
        "Jabal Saraj": (["Jabal Saraj", "Jabal-us-Saraj"], 35.12, 69.24, ["Kham-e Zargar"]),
    }),
    "Kapisa": ("AF-KAP", ["Kapisa"], {
        "Tagab": (["Tagab", "Tagao"], 34.86, 69.65, ["Afghania", "Bedraw"]),
        "Nijrab": (["Nijrab", "Nejrab"], 34.99, 69.60, ["Farukh Shah", "Rahmankhel"]),
        "Alasay": (["Alasay", "Alasai"], 34.88, 69.80, ["Pachaghan"]),
    }),
    "Takhar": ("AF-TAK", ["Takhar"], {
        "Farkhar": (["Farkhar"], 36.57, 69.86, ["Dasht-e Farkhar"]),
        "Warsaj": (["Warsaj"], 36.22, 70.04, ["Kenar-e Warsaj"]),
    }),
    "Badakhshan": ("AF-BDS", ["Badakhshan", "Badakshan"], {
        "Jurm": (["Jurm", "Jorm"], 36.86, 70.83, ["Khostak"]),
        "Keshem": (["Keshem", "Kishim"], 36.80, 70.08, ["Teshkan Bazaar"]),
    }),
    "Kabul": ("AF-KAB", ["Kabul"], {
        "Kabul": (["Kabul", "Kabul city"], 34.53, 69.17, ["Dasht-e Barchi", "Shahr-e Naw", "Karte Sakhi", "Qala-e Fathullah"]),
    }),
    "Nangarhar": ("AF-NAN", ["Nangarhar", "Ningarhar"], {
        "Jalalabad": (["Jalalabad"], 34.43, 70.45, ["Jalalabad Bazaar", "Kabul Gate"]),
        "Achin": (["Achin"], 34.13, 70.70, ["Mamand"]),
    }),
    "Balkh": ("AF-BAL", ["Balkh"], {
        "Mazar-e Sharif": (["Mazar-e Sharif", "Mazar-i-Sharif", "Mazari Sharif"], 36.71, 67.11, ["Rawza Bazaar", "Karte Ariana"]),
    }),
    "Paktia": ("AF-PIA", ["Paktia", "Paktya"], {
        "Gardez": (["Gardez", "Gardiz"], 33.60, 69.22, ["Ahmad Abad"]),
        "Zurmat": (["Zurmat", "Zormat"], 33.43, 69.03, ["Sahak"]),
    }),
}
NEIGHBOURS = [("Baghlan", "Andarab", "Khost wa Fereng"), ("Panjshir", "Dara", "Paryan"),
              ("Panjshir", "Rokha", "Bazarak"), ("Kapisa", "Tagab", "Nijrab"),
              ("Baghlan", "Andarab", "Deh Salah"), ("Panjshir", "Khenj", "Dara")]  # fmt: skip
RAID_AREAS = [("Baghlan", "Andarab"), ("Panjshir", "Khenj"), ("Panjshir", "Paryan"), ("Takhar", "Farkhar")]
RESISTANCE = {"NRF": ["NRF", "National Resistance Front"], "AFF": ["AFF", "Afghanistan Freedom Front"]}
NEWS = ["Amu TV", "Afghanistan International", "KabulNow", "Hasht-e Subh", "Etilaat Roz", "Tolo News", "Reuters"]
MONITORS = [("UNAMA", "confirmed"), ("Rawadari", "reported"), ("Afghan Witness", "reported"), ("UNAMA", "reported")]


class Generator:
    """Builds mentions for true events; ``rows`` is the output, one dict per mention."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.rows: list[dict] = []
        self.docs = 0
        self.events = 0

    # --- basic pieces -------------------------------------------------------
    def doc_id(self, publisher: str, published: dt.date) -> str:
        self.docs += 1
        slug = "".join(ch for ch in publisher.lower() if ch.isalnum())[:12]
        return f"{slug}-{published.isoformat()}-{self.docs:04d}"

    def where(self, province: str, district: str, level: int, village: str | None = None) -> dict:
        """Return place fields at geo precision ``level`` (1 village, 2 district, 3 province)."""
        code, province_names, districts = PLACES[province]
        names, lat, lon, villages = districts[district]
        place = {"country": "Afghanistan", "admin1": self.rng.choice(province_names), "admin1_code": code,
                 "admin2": None, "location": None, "latitude": None, "longitude": None, "geo_precision": level}
        if level <= 2:
            place.update(admin2=self.rng.choice(names), location=self.rng.choice(names), latitude=lat, longitude=lon)
        if level == 1:
            village = village or villages[0]
            offset = (sum(map(ord, village)) % 9 - 4) / 100  # fixed per village: a few km from the centre
            place.update(location=village, latitude=round(lat + offset, 4), longitude=round(lon - offset, 4))
        return place

    def add(self, key: str, publisher: str, kind: str, stance: str, published: dt.date, fields: dict,
            doc_id: str | None = None, index: int = 0) -> None:
        doc_id = doc_id or self.doc_id(publisher, published)
        row = {"doc_id": doc_id, "mention_id": f"{doc_id}#m{index}", "tags": [], "assoc_actors": [],
               "sub_event_type": None, "actor2": None, "fatalities": None, "injured": None, "detained": None,
               "is_aggregate": False, **fields}
        row.update(claim={"stance": stance, "by": fields.pop("claim_by", None)}, publisher=publisher,
                   source_kind=kind, stance=stance, published=published.isoformat(), event_key=key)
        row.pop("claim_by", None)
        self.rows.append(row)

    def date_as_reported(self, day: dt.date, published: dt.date) -> tuple[str, int]:
        """Return (event_date, time_precision) as a relative or exact expression resolves."""
        roll = self.rng.random()
        if roll < 0.6:
            return day.isoformat(), 1
        if roll < 0.85:  # "last night" resolved to the publication day: a day late
            return (day + dt.timedelta(days=1)).isoformat(), 1
        return (day - dt.timedelta(days=self.rng.randint(0, 6))).isoformat(), 2  # "last week": its Monday

    def new_key(self, kind: str) -> str:
        self.events += 1
        return f"{kind}-{self.events:03d}"

    # --- scenarios ----------------------------------------------------------
    def resistance_attack(self, province: str, district: str, day: dt.date, group: str = "NRF",
                          roundup: tuple[str, int] | None = None) -> str:
        """An attack on a Taliban post: claim, maybe denial, news, and a UN / NGO summary weeks later."""
        rng, key = self.rng, self.new_key(f"{group.lower()}-attack")
        village = rng.choice(PLACES[province][2][district][3])
        killed = rng.randint(0, 5)
        sub = rng.choice(["Armed clash", "Armed clash", "Remote explosive/landmine/IED"])
        kind_of = "Battles" if sub == "Armed clash" else "Explosions/Remote violence"
        base = {"event_type": kind_of, "sub_event_type": sub}
        if rng.random() < 0.92:
            claimed = killed * rng.randint(2, 4) + rng.randint(1, 6)
            text = rng.choice([
                f"{group} fighters attacked a Taliban checkpoint in {village}, {district}, killing {claimed} Taliban.",
                f"Our mujahideen ambushed Taliban forces near {village} in {district}; {claimed} enemy killed.",
            ])
            self.add(key, f"{group} Telegram channel", "claim", "claimed", day + dt.timedelta(days=rng.choice([0, 0, 1])),
                     {**base, **self.where(province, district, 1, village), "event_date": day.isoformat(),
                      "time_precision": 1, "actor1": rng.choice(RESISTANCE[group]), "actor2": "Taliban",
                      "fatalities": claimed, "injured": rng.choice([None, claimed // 2]), "claim_by": group,
                      "text": text})
        if rng.random() < 0.5:
            self.denial(key, province, district, day, group)
        for _ in range(rng.choice([0, 1, 1, 2])):
            self.news_report(key, province, district, village, day, base, group, killed)
        if roundup is not None:
            doc_id, index = roundup
            self.news_report(key, province, district, village, day, base, group, killed, doc_id, index)
        if rng.random() < 0.4:
            self.monitor_summary(key, province, district, day, base, group, killed)
        return key

    def denial(self, key: str, province: str, district: str, day: dt.date, group: str) -> None:
        published = day + dt.timedelta(days=self.rng.choice([0, 1, 1]))
        event_date, precision = self.date_as_reported(day, published)
        level = self.rng.choice([2, 2, 3])
        place = self.where(province, district, level)
        named = place["admin2"] or place["admin1"]
        self.add(key, self.rng.choice(["Zabihullah Mujahid", "Ministry of Interior", f"{province} police spokesman"]),
                 "official", "denied", published,
                 {**place, "event_date": event_date, "time_precision": precision, "event_type": "Battles",
                  "actor1": self.rng.choice(["Islamic Emirate", "Taliban"]), "actor2": group, "claim_by": "Taliban",
                  "text": f"The Islamic Emirate rejected {group} claims of an attack in {named} as baseless propaganda."})

    def news_report(self, key, province, district, village, day, base, group, killed, doc_id=None, index=0) -> None:
        rng = self.rng
        publisher = rng.choice(NEWS)
        published = day + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
        event_date, precision = self.date_as_reported(day, published)
        level = rng.choice([1, 2, 2, 2])
        place = self.where(province, district, level, village)
        named = place["location"] or place["admin2"]
        figure = rng.choice([killed, killed, killed + 1, None])
        stance = "claimed" if rng.random() < 0.25 else "reported"
        verb = "claimed to have killed" if stance == "claimed" else "clashed with Taliban forces, leaving"
        self.add(key, publisher, "news", stance, published,
                 {**base, **place, "event_date": event_date, "time_precision": precision,
                  "actor1": rng.choice(["Taliban", "Taliban forces"]), "actor2": rng.choice(RESISTANCE[group]),
                  "fatalities": figure, "claim_by": group if stance == "claimed" else None,
                  "text": f"Sources say {group} fighters {verb} {figure if figure is not None else 'several'} "
                          f"dead in {named}, {place['admin1']} province."},
                 doc_id=doc_id, index=index)

    def monitor_summary(self, key, province, district, day, base, group, killed) -> None:
        rng = self.rng
        publisher, stance = rng.choice(MONITORS)
        published = day + dt.timedelta(days=rng.randint(20, 75))
        month_date = day.replace(day=rng.choice([1, 1, 15])) if rng.random() < 0.8 else day
        precision = 3 if month_date != day else 1
        place = self.where(province, district, rng.choice([2, 2, 3]))
        self.add(key, publisher, "ngo", stance, published,
                 {**base, **place, "event_date": month_date.isoformat(), "time_precision": precision,
                  "actor1": "De facto authorities", "actor2": RESISTANCE[group][1],
                  "fatalities": max(0, killed - rng.choice([0, 0, 1])),
                  "text": f"In {day:%B %Y}, {publisher} documented fighting between the de facto authorities and "
                          f"the {RESISTANCE[group][1]} in {place['admin2'] or place['admin1']}."})

    def detention_raid(self, province: str, district: str, village: str, day: dt.date, detained: int) -> str:
        """Taliban mass detention of villagers: news, social posts, NRF accusation, NGO report."""
        rng, key = self.rng, self.new_key("raid")
        arrests = {"event_type": "Strategic developments", "sub_event_type": "Arrests"}
        abduction = {"event_type": "Violence against civilians", "sub_event_type": "Abduction/forced disappearance"}
        for _ in range(rng.choice([1, 2, 2])):
            published = day + dt.timedelta(days=rng.choice([0, 1, 2]))
            event_date, precision = self.date_as_reported(day, published)
            figure = rng.choice([detained, detained, detained + rng.randint(1, 5), 12])  # "dozens" = 12
            self.add(key, rng.choice(NEWS), "news", "reported", published,
                     {**rng.choice([arrests, abduction]), **self.where(province, district, 1, village),
                      "event_date": event_date, "time_precision": precision, "actor1": "Taliban",
                      "actor2": "Civilians", "detained": figure,
                      "text": f"Taliban forces detained {figure} residents of {village} village in {district} "
                              f"during a house-to-house search."})
        if rng.random() < 0.6:
            published = day + dt.timedelta(days=rng.choice([0, 1]))
            event_date, precision = self.date_as_reported(day, published)
            self.add(key, "@" + rng.choice(["andarab_voice", "panjshir_watch", "valley_news"]), "social", "reported",
                     published, {**abduction, **self.where(province, district, rng.choice([1, 2]), village),
                                 "event_date": event_date, "time_precision": precision, "actor1": "Taliban",
                                 "detained": None, "text": f"Taliban took away our people from {village} today."})
        if rng.random() < 0.5:
            self.add(key, "NRF Telegram channel", "claim", "reported", day + dt.timedelta(days=1),
                     {**abduction, **self.where(province, district, 1, village), "event_date": day.isoformat(),
                      "time_precision": 1, "actor1": "Taliban", "actor2": "Civilians", "assoc_actors": [],
                      "detained": detained * 2, "claim_by": "NRF",
                      "text": f"The Taliban abducted {detained * 2} innocent civilians in {village}, {district}."})
        if rng.random() < 0.5:
            publisher, stance = rng.choice(MONITORS)
            self.add(key, publisher, "ngo", stance, day + dt.timedelta(days=rng.randint(25, 80)),
                     {**arrests, **self.where(province, district, rng.choice([1, 2]), village),
                      "event_date": day.replace(day=1).isoformat(), "time_precision": 3, "actor1": "De facto authorities",
                      "actor2": "Civilians", "detained": detained,
                      "text": f"{publisher} recorded the arbitrary detention of {detained} men from {village}, "
                              f"{district}, in {day:%B %Y}."})
        return key

    def bombing(self, province: str, district: str, place_name: str, day: dt.date) -> str:
        """An ISKP bombing: Amaq claim, police statement, news, UNAMA statement."""
        rng, key = self.rng, self.new_key("iskp")
        killed = rng.randint(2, 30)
        base = {"event_type": "Explosions/Remote violence",
                "sub_event_type": rng.choice(["Suicide bomb", "Remote explosive/landmine/IED"])}
        target = rng.choice(["a mosque", "a minibus", "a Taliban checkpoint", "a school"])
        if rng.random() < 0.7:
            figure = killed + rng.randint(3, 20)
            self.add(key, "Amaq", "claim", "claimed", day + dt.timedelta(days=1),
                     {**base, **self.where(province, district, 1, place_name), "event_date": day.isoformat(),
                      "time_precision": 1, "actor1": rng.choice(["ISKP", "Islamic State"]), "actor2": "Taliban",
                      "fatalities": figure, "claim_by": "ISKP",
                      "text": f"A soldier of the caliphate detonated his explosive vest at {target} in {place_name}, "
                              f"killing {figure}."})
        if rng.random() < 0.7:
            self.add(key, rng.choice(["Kabul police spokesman", f"{province} police spokesman"]), "official",
                     "reported", day, {**base, **self.where(province, district, rng.choice([1, 2]), place_name),
                                       "event_date": day.isoformat(), "time_precision": 1,
                                       "actor1": "Unidentified Armed Group", "actor2": "Civilians",
                                       "fatalities": max(1, killed - rng.randint(0, killed // 2)),
                                       "text": f"An explosion at {target} in {place_name} killed several people."})
        for _ in range(rng.choice([1, 2, 2, 3])):
            published = day + dt.timedelta(days=rng.choice([0, 0, 1]))
            event_date, precision = self.date_as_reported(day, published)
            figure = rng.choice([killed, killed + rng.randint(1, 4), None])
            self.add(key, rng.choice(NEWS), "news", "reported", published,
                     {**base, **self.where(province, district, rng.choice([1, 1, 2]), place_name),
                      "event_date": event_date, "time_precision": precision, "actor1": rng.choice(["ISKP", "IS-K"]),
                      "actor2": "Civilians", "fatalities": figure, "injured": rng.choice([None, killed * 2]),
                      "text": f"A blast at {target} in {place_name}, {district} killed "
                              f"{figure if figure is not None else 'many'} people; Islamic State claimed it."})
        if rng.random() < 0.5:
            self.add(key, "UNAMA", "ngo", "confirmed", day + dt.timedelta(days=rng.choice([1, 40])),
                     {**base, **self.where(province, district, 2), "event_date": day.isoformat(), "time_precision": 1,
                      "actor1": "ISKP", "actor2": "Civilians", "fatalities": killed,
                      "text": f"UNAMA condemns the attack in {district} that killed {killed} civilians."})
        return key

    def targeted_killing(self, province: str, district: str, day: dt.date) -> str:
        """Killing of a former soldier: news and a UNAMA update weeks later with month precision."""
        rng, key = self.rng, self.new_key("killing")
        base = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
        village = rng.choice(PLACES[province][2][district][3])
        for _ in range(rng.choice([1, 2])):
            published = day + dt.timedelta(days=rng.choice([0, 1, 3]))
            event_date, precision = self.date_as_reported(day, published)
            self.add(key, rng.choice(NEWS), "news", "reported", published,
                     {**base, **self.where(province, district, rng.choice([1, 2]), village),
                      "event_date": event_date, "time_precision": precision,
                      "actor1": rng.choice(["Taliban", "Unidentified Armed Group"]), "actor2": "Civilians",
                      "fatalities": 1, "text": f"A former army officer was shot dead in {village}, {district}."})
        self.add(key, "UNAMA", "ngo", "confirmed", day + dt.timedelta(days=rng.randint(30, 90)),
                 {**base, **self.where(province, district, 2), "event_date": day.replace(day=1).isoformat(),
                  "time_precision": 3, "actor1": "De facto authorities", "actor2": "Civilians", "fatalities": 1,
                  "text": f"In {day:%B %Y} a former ANDSF member was killed by de facto security forces in {district}."})
        return key

    def aggregate(self, day: dt.date) -> str:
        """A statistic over many events: must stay a singleton."""
        key = self.new_key("aggregate")
        self.add(key, "UNAMA", "ngo", "reported", day + dt.timedelta(days=45),
                 {**self.where("Panjshir", "Bazarak", 3), "event_date": day.replace(day=1).isoformat(),
                  "time_precision": 3, "event_type": "Violence against civilians", "actor1": "De facto authorities",
                  "actor2": "Civilians", "detained": self.rng.randint(50, 200), "is_aggregate": True,
                  "text": "UNAMA recorded arbitrary arrests and detentions across Panjshir and Andarab this quarter."})
        return key


def random_day(rng: random.Random) -> dt.date:
    """A day between 2022-01-01 and 2024-10-31."""
    return dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, 1034))


def build(seed: int = SEED) -> list[dict]:
    """Return the benchmark's rows: ordinary events plus the hard negatives."""
    gen = Generator(seed)
    rng = gen.rng
    resistance_areas = [(p, d) for p in ("Panjshir", "Baghlan", "Parwan", "Kapisa", "Takhar", "Badakhshan")
                        for d in PLACES[p][2]]
    for _ in range(36):
        province, district = rng.choice(resistance_areas)
        group = "AFF" if province in ("Kapisa", "Parwan") and rng.random() < 0.5 else "NRF"
        gen.resistance_attack(province, district, random_day(rng), group)
    for _ in range(14):
        province, district = rng.choice(RAID_AREAS)
        village = rng.choice(PLACES[province][2][district][3])
        gen.detention_raid(province, district, village, random_day(rng), rng.randint(5, 60))
    bomb_places = [("Kabul", "Kabul", v) for v in PLACES["Kabul"][2]["Kabul"][3]] + [
        ("Nangarhar", "Jalalabad", "Jalalabad Bazaar"), ("Balkh", "Mazar-e Sharif", "Rawza Bazaar")]
    for _ in range(14):
        gen.bombing(*rng.choice(bomb_places), random_day(rng))
    for _ in range(10):
        province, district = rng.choice(resistance_areas + [("Paktia", "Gardez"), ("Paktia", "Zurmat")])
        gen.targeted_killing(province, district, random_day(rng))
    for _ in range(2):
        gen.aggregate(random_day(rng))
    add_hard_negatives(gen)
    return gen.rows


def add_hard_negatives(gen: Generator) -> None:
    """Similar events close in time and space that must stay apart."""
    rng = gen.rng
    for province, first, second in NEIGHBOURS:  # same day, neighbouring districts; one roundup reports both
        day = random_day(rng)
        roundup = gen.doc_id("Amu TV", day + dt.timedelta(days=1))
        gen.resistance_attack(province, first, day, roundup=(roundup, 0))
        gen.resistance_attack(province, second, day, roundup=(roundup, 1))
    for province, district in [("Panjshir", "Dara"), ("Baghlan", "Andarab"), ("Kapisa", "Tagab")]:
        day = random_day(rng)  # one district, attacks three days apart
        gen.resistance_attack(province, district, day)
        gen.resistance_attack(province, district, day + dt.timedelta(days=3))
    for province, district in RAID_AREAS[:3]:  # the same village raided again a week later
        village = PLACES[province][2][district][3][0]
        day = random_day(rng).replace(day=rng.randint(1, 18))
        gen.detention_raid(province, district, village, day, rng.randint(10, 40))
        gen.detention_raid(province, district, village, day + dt.timedelta(days=7), rng.randint(10, 40))
    for gap in (2, 3):  # two Kabul bombings in one week, different neighbourhoods
        day = random_day(rng)
        gen.bombing("Kabul", "Kabul", "Dasht-e Barchi", day)
        gen.bombing("Kabul", "Kabul", "Shahr-e Naw", day + dt.timedelta(days=gap))


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    rows = build(int(argv[2]) if len(argv) > 2 else SEED)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    events = len({row["event_key"] for row in rows})
    print(f"wrote {len(rows)} mentions in {events} events to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
