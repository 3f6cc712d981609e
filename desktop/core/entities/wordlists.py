"""Small word lists the post-processing steps share (lower case).

Kept short on purpose: words that are capitalised only because they start a
sentence or a headline, and so must never be taken for someone's surname.
"""

from __future__ import annotations

ARTICLES = frozenset({"a", "an", "the"})
PRONOUNS = frozenset({
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him",
    "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "this",
    "that", "these", "those", "who", "whom", "whose", "which", "what", "one", "someone",
    "everyone", "nobody", "there", "here",
})
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "among", "around", "at",
    "before", "behind", "below", "beside", "between", "beyond", "by", "despite", "down",
    "during", "except", "for", "from", "in", "inside", "into", "like", "near", "of", "off",
    "on", "onto", "out", "outside", "over", "per", "since", "through", "throughout", "to",
    "toward", "towards", "under", "until", "up", "upon", "via", "with", "within", "without",
})
CONJUNCTIONS = frozenset({
    "and", "as", "because", "but", "if", "nor", "or", "so", "than", "though", "although",
    "unless", "when", "whenever", "where", "whereas", "whether", "while", "yet", "once",
})
# Capitalised at a sentence start far more often than as a name.
SENTENCE_STARTERS = frozenset({
    "also", "all", "another", "any", "both", "each", "every", "few", "many", "more", "most",
    "much", "no", "not", "now", "only", "other", "some", "such", "then", "thus", "however",
    "meanwhile", "still", "instead", "indeed", "yes", "today", "tonight", "yesterday",
    "tomorrow", "how", "why", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "do", "does", "did", "will", "would", "can", "could", "should", "may", "might",
    "must", "shall", "let", "later", "first", "last", "next", "even", "just", "again",
    "following", "according", "including", "amid", "unlike", "asked", "said", "says",
})
DAYS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
})
# Words a sentence can start with that never begin a name carried over from the
# sentence before ("Ptolemy V. The middle block": "The" starts a new sentence).
FUNCTION_WORDS = ARTICLES | PRONOUNS | PREPOSITIONS | CONJUNCTIONS | SENTENCE_STARTERS
NOT_A_SURNAME = FUNCTION_WORDS | DAYS | MONTHS
# "Ricky Stenhouse Jr.": the surname is the word before the suffix.
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"})
# Abbreviations whose full stop belongs to the name even at a sentence end.
ABBREVIATIONS = frozenset({
    "inc", "ltd", "co", "corp", "bros", "jr", "sr", "st", "mt", "ft", "dept", "univ", "plc",
})
