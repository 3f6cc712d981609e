"""Images: placeholders between an article's blocks, loaded only when the user asks."""

from desktop.ui.features.images.feature import install

__all__ = ["install"]
