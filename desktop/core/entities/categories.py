"""What a reader sees instead of model labels: categories, their order, their marks.

Colour-independent: each category has an underline style, so the highlights can
be told apart without colour; the UI chooses colours for light and dark themes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    key: str  # stable: stored in settings
    name: str  # what the reader sees
    labels: tuple[str, ...]  # the model labels it gathers
    underline: str  # "solid", "dash", "dot", "dashdot", "dashdotdot", "wave"
    overline: bool = False  # a second mark for the styles beyond six
    default_on: bool = True

    @property
    def primary_label(self) -> str:
        """The label a reader's correction "this is a <category>" stores."""
        return self.labels[0]


CATEGORIES: tuple[Category, ...] = (
    Category("people", "People", ("PERSON",), "solid"),
    Category("organisations", "Organisations", ("ORG",), "dash"),
    Category("places", "Places", ("GPE", "LOC", "FAC"), "dot"),
    Category("groups", "Groups", ("NORP",), "dashdot"),
    Category("dates", "Dates and times", ("DATE", "TIME"), "dashdotdot"),
    Category("events", "Events", ("EVENT",), "wave"),
    Category("other", "Other", ("MISC", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"),
             "solid", overline=True),
    Category("numbers", "Numbers and money",
             ("CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"),
             "dot", overline=True, default_on=False),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}
_BY_LABEL: dict[str, Category] = {label: c for c in CATEGORIES for label in c.labels}

LABEL_DESCRIPTIONS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country, city or state",
    "LOC": "location",
    "FAC": "building, airport, road or bridge",
    "NORP": "nationality, religious or political group",
    "DATE": "date",
    "TIME": "time",
    "EVENT": "event",
    "MISC": "name",
    "LAW": "law or treaty",
    "WORK_OF_ART": "work of art (book, film, song…)",
    "PRODUCT": "product",
    "LANGUAGE": "language",
    "CARDINAL": "number",
    "ORDINAL": "ordinal",
    "MONEY": "amount of money",
    "PERCENT": "percentage",
    "QUANTITY": "quantity",
}


def category_for(label: str) -> Category | None:
    """The category of a model label; None for labels Lectern does not show."""
    return _BY_LABEL.get(label)


def describe(label: str, uncertain: bool = False) -> str:
    """Hover text: "Places — country, city or state"; uncertain: "Places? —
    country, city or state, perhaps (uncertain: right-click to correct)"."""
    category = category_for(label)
    what = LABEL_DESCRIPTIONS.get(label, label.lower())
    if uncertain:
        name = f"{category.name}? — " if category else ""
        return f"{name}{what}, perhaps (uncertain: right-click to correct)"
    return f"{category.name} — {what}" if category else what


def default_enabled() -> frozenset[str]:
    return frozenset(c.key for c in CATEGORIES if c.default_on)


def parse_enabled(value: str) -> frozenset[str]:
    """Category keys from a stored setting ("people,places"); unknown keys are ignored."""
    return frozenset(k for k in value.split(",") if k in BY_KEY)


def format_enabled(keys: frozenset[str]) -> str:
    return ",".join(c.key for c in CATEGORIES if c.key in keys)
