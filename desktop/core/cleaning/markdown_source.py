from desktop.core.models import CleanedArticle
def clean_markdown(text: str) -> CleanedArticle:
    raise NotImplementedError
