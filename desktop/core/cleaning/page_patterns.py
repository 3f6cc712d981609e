"""Generic page furniture, recognised by its wording: share bars, comment sections,
link rails, promotions, bylines and dates. No site's own wording belongs here.
"""

from __future__ import annotations

import re

from ._article import MONTH_NUMBERS

# Whole lines that are page chrome wherever they appear: share bars, sign-in and
# subscription prompts, ad labels, image-viewer controls, reading aids.
_CHROME = re.compile(
    r"""^(?:
        (?:share|tweet|e-?mail|print|save|copy|pin|post)\b.{0,40}
      | (?:click|tap)\ to\ .{0,60}
      | (?:facebook|twitter|linkedin|pinterest|whatsapp|reddit|flipboard|instagram|youtube|tumblr)
      | (?:sign|log)\ ?(?:in|up|out)\b.{0,60} | register\b.{0,40} | create\ (?:an\ )?account.{0,20}
      | subscribe\b.{0,80} | (?:free\ )?newsletters?\b.{0,40}
      | get\ (?:the|our)\ .{0,30}newsletter.{0,40}
      | advertisement | advertising | advert | ad | ads | sponsored.{0,30} | promoted.{0,30}
      | skip\ to\ .{0,30} | jump\ to\ .{0,30} | back\ to\ top.{0,4} | return\ to\ top
      | scroll\ .{0,20}top | (?:continue|keep)\ reading.{0,30}
      | read\ (?:more|later|next|full\ (?:story|article)).{0,40}
      | (?:show|view|see|load)\ (?:more|less|all|comments?).{0,30} | more | loading.{0,10}
      | image | photo | video | gallery | caption | close | open | expand | enlarge\ this\ image
      | toggle\ caption | hide\ caption | (?:image|photo|video)\ \d+\ of\ \d+ | \d+\ of\ \d+ | of
      | \(?(?:(?:photo|image|picture|video)\s*)?(?:credits?|courtesy|source)\s*:.{0,80}
      | (?:photo|image|picture)s?\s*:.{0,80}
      | listen(?:\ to\ this\ article)?.{0,20} | (?:\d+\ )?min(?:ute)?s?\ read | (?:\d+\ )?shares?
      | (?:we|this\ (?:site|website))\ uses?\ cookies.*
      | .{0,60}\bcookies?\ (?:policy|settings|preferences).*
      | accept(?:\ all)?(?:\ cookies)? | (?:i\ )?agree | got\ it | no,?\ thanks
      | privacy\ (?:policy|notice).{0,40} | terms\ (?:of|and)\ .{0,40} | all\ rights\ reserved.*
      | (?:copyright|©).* | .{0,80}©.{0,80}
      | (?:related|tags?|topics?|filed\ under|categories|category)\s*:.{0,120}
      | advertise(?:\ with\ us)?.{0,20} | report\ (?:an?\ )?(?:error|typo|abuse|this).{0,20}
      | (?:previous|next)\ (?:article|post|story).{0,120} | home | menu | search.{0,30} | x | ×
      | .{0,80}\b(?:requires?|enable)\ javascript.{0,80} | \[\w+\ [^\]]*=.*
      | you\ are\ here.{0,120} | follow\ (?:us|him|her|me|them)\b.{0,80}
      | .{0,120}\bfollow\ us\ on\b.{0,120}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Prose that sells something rather than tells: newsletter and app promotions, and the
# author's bio under the article.
_PROMO = re.compile(
    r"""\b(?i:subscribe\ (?:to|for|now|today)|sign\ up\ (?:for|to|here|now)|our\ newsletters?
      | click\ here|follow\ us|join\ (?:us|our)\b|download\ (?:our|the)\ app
      | delivered\ (?:to|through)\ your\ (?:inbox|letterbox|door))\b
    | ^(?:[A-Z][\w.'-]+\ ){1,3}(?:is|was)\ (?:an?|the)\ (?:[\w-]+\ ){0,4}
      (?:writer|reporter|editor|correspondent|journalist|columnist|contributor)\b""",
    re.VERBOSE,
)
PROMO_MAX_WORDS = 60

# Lines that open a comment section ("7 comments" is not one: pages show the count as
# a link next to the byline). Nothing after them is the article, and readers'
# comments can hold more prose than the article itself, so they are walls.
_COMMENTS = re.compile(
    r"""^(?:
        \d[\d,.]*k?\s+(?:responses|thoughts)\ (?:on|to)\ .{0,80}
      | (?:no|view|show|read|see|post|add|write|leave|hide|load|join)\b.{0,25}
        \b(?:comments?|repl(?:y|ies)|discussion|conversation)\b.{0,30}
      | (?:be\ the\ first|log\ in|sign\ in|click\ here|you\ must\ be\ logged\ in).{0,30}
        \ to\ (?:comment|reply|post).{0,30}
      | (?:comments?|reader\ comments|responses|reactions)(?:\s*\(\d+\))?\s*:?
      | (?:top|most)\ (?:rated|recent|popular|liked|commented)\ comments.{0,20}
      | your\ email\ address\ will\ not\ be\ published.* | required\ fields\ are\ marked.*
      | .{0,40}comments?\ (?:are|is)\ (?:closed|moderated|disabled).*
      | (?:leave|post|add|write)\ a\ (?:reply|comment|response).{0,40}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Headers of link rails ("Related stories", "Most popular", "Tags"). Usually after the
# article, but some sites put one inside it, so they cost a lot without being walls.
_RAIL = re.compile(
    r"""^(?:
        (?:related|recommended|suggested|popular|trending|latest|top|other|similar|recent)
        \ (?:articles?|stories|posts?|news|reads?|content|coverage|links|videos?|topics|now)\s*:?
      | (?:related|recommended|trending|what\ do\ you\ think.{0,30})\s*:?
      | (?:more|other|related|recommended|popular|latest|top)\b.{0,30}
        \b(?:stories|articles|posts|news|reads|videos|links|coverage)\s*:?
      | (?:you|we\ think\ you)\ (?:may|might|could|will)\ (?:also\ )?
        (?:like|enjoy|be\ interested\ in).{0,20}
      | (?:most|top)\ (?:popular|read|viewed|shared|emailed|watched|commented).{0,20}
      | (?:around|elsewhere\ on|from)\ the\ web.{0,20}
      | (?:read|watch)\ (?:next|this\ next|also).{0,20}
      | (?:more|other)\ (?:from|in|on|stories|news|articles)\b.{0,40}
      | don'?t\ miss.{0,20} | editor'?s?\ picks?.{0,10}
      | (?:sponsored|partner)\ (?:content|links|stories).{0,20}
      | (?:tags?|topics|filed\ under|categories)\s*:? | about\ the\ author.{0,20}
      | share\ this(?:\ (?:article|story|post))?\s*:? | like\ this\s*:?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
SHORT_LINE_WORDS = 12  # comment and rail headers are labels, never sentences

# "By Jane Doe": the name is capitalised, which tells it from a "By subject" menu.
_BYLINE = re.compile(r"^(?i:by|written\ by|words\ by|von|par|por|di)\s+[^\W\d_a-z].{0,80}$", re.X)
BYLINE_MAX_WORDS = 20  # "By Jane Doe and John Roe | November 18, 2019 at 2:26 PM HST"

# Dates and times are recognised word by word, as their formats are countless.
_MONTHS = set(MONTH_NUMBERS)
_WEEKDAYS = {
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
}
_DATE_WORDS = _MONTHS | _WEEKDAYS | {
    "published", "updated", "posted", "last", "modified", "on", "at", "date", "ago", "am", "pm",
    "a", "m", "p", "est", "edt", "pst", "pdt", "cst", "cdt", "mst", "mdt", "gmt", "utc", "bst",
    "cet", "cest", "ist", "et", "pt", "ct", "st", "nd", "rd", "th", "min", "mins", "minute",
    "minutes", "hour", "hours", "hr", "hrs", "h", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "yesterday", "today", "of",
}
# What makes a line a date rather than a number: a month or weekday, a clock time,
# a numeric date, or "... ago".
_DATE_ANCHOR = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\bago\b", re.I)
_NUMBERISH = re.compile(r"^\d+[a-z]{0,2}$")  # 2019, 1st, 32m (ago), 8am
DATE_SHARE = 0.7  # of a dateline's words are date words
DATE_MAX_WORDS = 16


def is_chrome(text: str, words: int) -> bool:
    return (words <= PROMO_MAX_WORDS and bool(_PROMO.search(text))) or bool(_CHROME.match(text))


def is_comments(text: str, words: int) -> bool:
    return words <= SHORT_LINE_WORDS and bool(_COMMENTS.match(text))


def is_rail(text: str, words: int) -> bool:
    return words <= SHORT_LINE_WORDS and bool(_RAIL.match(text))


def is_byline(text: str, words: int, terminal: bool) -> bool:
    return words <= BYLINE_MAX_WORDS and not terminal and bool(_BYLINE.match(text))


def is_dateline(tokens: list[str], text: str) -> bool:
    """Only a date and/or time, maybe with "Published", "Updated", "at", a zone."""
    if not tokens or len(tokens) > DATE_MAX_WORDS:
        return False
    lowered = [t.lower() for t in tokens]
    if not (_DATE_ANCHOR.search(text) or any(t in _MONTHS or t in _WEEKDAYS for t in lowered)):
        return False
    datey = sum(bool(_NUMBERISH.match(t)) or t in _DATE_WORDS for t in lowered)
    return datey >= DATE_SHARE * len(tokens)

