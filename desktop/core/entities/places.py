"""A step about places the model takes for people, from the words around them.

"near the town of Rashid", "in Paris, London and Göttingen": the small model
reads an unfamiliar place name as a PERSON, and the later-mentions step would
then spread it. A pure function ``(text, mentions) -> mentions`` (see postprocess.py).
"""

from __future__ import annotations

import re

from desktop.core.entities.mentions import Mention

_PLACE_OF = re.compile(r"\b(?:town|city|village|port|capital|province|county|region) of[^\S\n]+$")
_LIST_GAP = re.compile(r",[^\S\n]*|,?[^\S\n]+(?:and|or)[^\S\n]+")
_PLACE = "GPE"


def _ends_a_list_of_places(text: str, mentions: list[Mention], index: int) -> bool:
    """mentions[index] ends "A, B and <it>" where A and B are places."""
    if index < 2:
        return False
    first, second, item = mentions[index - 2], mentions[index - 1], mentions[index]
    return (first.label == second.label == _PLACE
            and _LIST_GAP.fullmatch(text, first.end, second.start) is not None
            and _LIST_GAP.fullmatch(text, second.end, item.start) is not None
            and re.search(r"\b(?:and|or)\b", text[second.end:item.start]) is not None)


def places_in_place_context(text: str, mentions: list[Mention]) -> list[Mention]:
    """A one-word PERSON after "the town of" or at the end of a list of places is a place."""
    result: list[Mention] = []
    for index, m in enumerate(mentions):
        single_person = m.label == "PERSON" and len(m.key.split()) == 1
        if single_person and (_PLACE_OF.search(text, max(0, m.start - 30), m.start)
                              or _ends_a_list_of_places(text, mentions, index)):
            result.append(m.relabelled(_PLACE))
        else:
            result.append(m)
    return result
