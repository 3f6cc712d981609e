"""A "Comments" heading ends a pasted article only when comments follow it; when
cleaning removes a real share of a plain text, the import says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lectern_testing import run_cli

from desktop.core.cleaning import clean_pasted
from desktop.core.cleaning.trim_report import NOTICE_SHARE

ESSAY = [
    "For twenty years newspapers have argued about whether readers should be allowed to "
    "respond to what they publish, and the argument has never been settled at all.",
    "Some editors say the open forum brings in local knowledge that reporters miss, while "
    "others say it drives away the very readers who would have had something to add.",
]
AFTER = [
    "The word itself has changed its meaning over the years. Once it meant a letter to the "
    "editor, carefully written and signed with a full name and a home town.",
    "Researchers who studied thousands of such threads found that a small number of early, "
    "thoughtful posts made later posts more thoughtful too, even without moderation.",
    "That finding suggests a simple rule for publishers who want better discussions: invite "
    "the first responses from people who know the subject, and let the others follow.",
]
COMMENTS = [
    "Mary Jones", "3 hours ago",
    "I have read this paper for thirty years and I have never once seen a comment section "
    "that improved my understanding of anything it reported on, not even once.",
    "Like · Reply", "tom_r42", "2 hours ago",
    "Completely disagree with the previous commenter, the letters page was always worse than "
    "the comments and everybody who wrote to it knew exactly what they were doing.",
    "Reply", "14 likes",
]
HEADINGS = ["Comments", "Responses (4)", "Discussion", "Reader comments", "Comments:"]


def _page(heading: str, after: list[str]) -> str:
    return "\n\n".join(["Why Comment Sections Still Matter", *ESSAY, heading, *after])


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_heading_in_the_middle_keeps_the_article_whole(heading: str) -> None:
    article = clean_pasted(_page(heading, AFTER))
    for paragraph in ESSAY + AFTER:
        assert paragraph in article.text
    assert heading in article.text  # kept as the section's heading


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_heading_followed_by_comments_still_ends_the_article(heading: str) -> None:
    article = clean_pasted(_page(heading, COMMENTS))
    for paragraph in ESSAY:
        assert paragraph in article.text
    assert "thirty years" not in article.text and "letters page" not in article.text


def test_an_unmistakable_line_stays_a_wall() -> None:
    article = clean_pasted(_page("Leave a Reply", AFTER))
    assert ESSAY[0] in article.text


def test_the_import_says_when_much_was_removed_and_whole_keeps_all(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(_page("Comments", COMMENTS), encoding="utf-8")
    result = run_cli("import", str(page), home=tmp_path / "home")
    assert result.returncode == 0
    assert "cleaning kept" in result.stderr and "lectern import --whole" in result.stderr
    share = 1 - _words(clean_pasted(page.read_text()).text) / _words(page.read_text())
    assert share > NOTICE_SHARE
    whole = run_cli("import", "--whole", str(page), home=tmp_path / "home2")
    assert whole.returncode == 0 and "cleaning kept" not in whole.stderr
    shown = run_cli("show", "1", "--text", home=tmp_path / "home2")
    for line in COMMENTS:
        assert line in shown.stdout
    quiet = tmp_path / "essay.txt"
    quiet.write_text(_page("Comments", AFTER), encoding="utf-8")
    kept = run_cli("import", str(quiet), home=tmp_path / "home3")
    assert kept.returncode == 0 and "cleaning kept" not in kept.stderr
