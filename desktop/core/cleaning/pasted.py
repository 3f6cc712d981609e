from desktop.core.models import CleanedArticle, Block, BlockKind, Metadata
from ._article import build_article
def clean_pasted(text: str) -> CleanedArticle:
    lines=[l for l in text.splitlines() if l.strip()]
    return build_article(lines[0] if lines else "", [Block(BlockKind.PARAGRAPH, l) for l in lines], Metadata())
