"""A seeded generator of short wire-style stories: **fictional** people and organisations in
**real** places, over several weeks. It writes the bundled demo corpus (``data/demo/``) and large
corpora for scale benchmarks. No real person is ever quoted.

``python -m components demo OUT_DIR [--n 40] [--seed 7]`` writes ``.txt`` files in the seed's
format (``date YYYY-MM-DD CITY: body``).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class Persona:
    """A fictional person: ``name``, ``title`` ("spokeswoman"), ``org`` ("the Harbour Alliance"),
    home ``city``, the ``topic`` they speak about (an index into TOPICS) and a ``pronoun``."""

    name: str
    title: str
    org: str
    city: str
    topic: int
    pronoun: str

    @property
    def role(self) -> str:
        """Title as written before a name: "Harbour Alliance spokeswoman"."""
        return f"{self.org.removeprefix('the ')} {self.title}"


# Fictional organisations and people; the places are real.
PERSONAS = [
    Persona("Amara Okonjo", "spokeswoman", "the Harbour Alliance", "Lagos", 0, "she"),
    Persona("Tomas Velder", "chairman", "the Northern Grain Board", "Rotterdam", 1, "he"),
    Persona("Lena Marsh", "director", "the Civic Water Trust", "Nairobi", 2, "she"),
    Persona("Rafael Quintero", "chief executive", "the Andes Rail Company", "Lima", 3, "he"),
    Persona("Yusuf Demirel", "spokesman", "the Bosphorus Shipping Union", "Istanbul", 0, "he"),
    Persona("Mei Lin Sato", "coordinator", "the Pacific Relief Network", "Manila", 4, "she"),
    Persona("Elena Brandt", "president", "the Danube Energy Council", "Vienna", 5, "she"),
    Persona("Kofi Mensah", "secretary", "the West Coast Fisheries Guild", "Accra", 6, "he"),
    Persona("Ingrid Solberg", "chair", "the Arctic Research Forum", "Oslo", 5, "she"),
    Persona("Omar Haddad", "director", "the Levant Aid Committee", "Beirut", 4, "he"),
    Persona("Priya Raman", "analyst", "the Monsoon Insurance Group", "Mumbai", 1, "she"),
    Persona("Daniel Achebe", "engineer", "the Savannah Roads Authority", "Abuja", 7, "he"),
]

PLACES = ["Lagos", "Rotterdam", "Nairobi", "Lima", "Istanbul", "Manila", "Vienna", "Accra", "Oslo",
          "Beirut", "Mumbai", "Abuja", "Cairo", "Lisbon", "Jakarta", "Santiago", "Warsaw", "Hanoi"]

TOPICS = [
    ("port congestion", "ships waited for days outside {place}", "We cannot move cargo through a harbour that is full"),
    ("grain prices", "wheat prices rose for a third week in {place}", "Farmers need certainty before the planting season"),
    ("water shortages", "taps ran dry in parts of {place}", "Every household deserves clean water, and we will deliver it"),
    ("a rail strike", "trains stood idle across {place}", "Our workers have waited long enough for a fair offer"),
    ("flood relief", "heavy rain flooded roads around {place}", "The first convoys reached the worst-hit districts this morning"),
    ("energy tariffs", "power bills climbed sharply in {place}", "Nobody should have to choose between heating and eating"),
    ("fishing quotas", "boats stayed in port along the coast near {place}", "The new quotas will empty our villages"),
    ("a road project", "work began on a new ring road outside {place}", "This road will cut travel times in half"),
]

OPENERS = [
    "{org_cap} said on {weekday} that {event}.",
    "Officials in {place} said on {weekday} that {event}.",
    "{event_cap}, {org} said on {weekday}.",
]

QUOTE_FORMS = [
    "\u201c{q},\u201d {role} {name} told reporters in {place}.",
    "\u201c{q},\u201d said {name}, {title} of {org}.",
    "{name} said: \u201c{q}.\u201d",
    "\u201c{q1},\u201d {name} said. \u201c{q2}.\u201d",
]

FOLLOW_UPS = [
    "{surname} did not say when talks with {org2} would resume.",
    "{org2_cap} declined to comment on the figures.",
    "\u201cWe will keep working with our partners in {place2},\u201d {pronoun} told a news conference.",
    "According to {org2}, talks are expected to continue in {place2} next week.",
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def story(rng: random.Random, day: date) -> tuple[str, str]:
    """One story: returns ``(header_place, text)`` where text is the file body in the seed format."""
    p, other = rng.sample(PERSONAS, 2)
    topic, event, q = TOPICS[p.topic]
    place = p.city if rng.random() < 0.7 else rng.choice(PLACES)
    place2 = rng.choice([x for x in PLACES if x != place])
    surname = p.name.split()[-1]
    fields = dict(org=p.org, org_cap=_cap(p.org), place=place, place2=place2, weekday=WEEKDAYS[day.weekday()],
                  event=event.format(place=place), event_cap=_cap(event.format(place=place)), name=p.name,
                  role=p.role, title=p.title, surname=surname, q=q,
                  q1=q, q2="We have said so from the start", org2=other.org, org2_cap=_cap(other.org),
                  pronoun=p.pronoun)
    paras = [rng.choice(OPENERS).format(**fields), rng.choice(QUOTE_FORMS).format(**fields),
             rng.choice(FOLLOW_UPS).format(**fields),
             f"The dispute over {topic} has drawn in {other.name} of {other.org}, who has warned of "
             f"\u201clasting damage\u201d to trade between {place} and {place2}."]
    return place, f"date {day.isoformat()} {place.upper()}: " + "\n\n".join(paras) + "\n"


def generate(n: int, *, seed: int = 7, start: date = date(2024, 9, 2), days: int = 42) -> Iterator[tuple[str, str]]:
    """Yield ``n`` ``(file_name, text)`` pairs, deterministic for a given ``seed``, dated over
    ``days`` days from ``start``."""
    rng = random.Random(seed)
    for i in range(n):
        day = start + timedelta(days=rng.randrange(days))
        place, text = story(rng, day)
        yield f"{day.isoformat()}_{i:05d}_{place.lower()}.txt", text


def write_corpus(folder: str | Path, n: int, *, seed: int = 7) -> list[Path]:
    """Write ``n`` generated stories as .txt files into ``folder``; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n, seed=seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
