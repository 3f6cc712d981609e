"""Highlights with notes and tags, anchored so they survive changes to the text."""

from desktop.core.annotations.model import COLORS, DEFAULT_MEANINGS, Annotation
from desktop.core.annotations.reanchor import ReanchorReport, reanchor_annotations
from desktop.core.annotations.store import AnnotationStore, BadAnnotation, reanchor_article
from desktop.core.models import normalize_tags

__all__ = [
    "COLORS", "DEFAULT_MEANINGS", "Annotation", "AnnotationStore", "BadAnnotation",
    "ReanchorReport", "normalize_tags", "reanchor_annotations", "reanchor_article",
]
