"""Images in the reader: a quiet framed placeholder between blocks, or the picture.

The frames are document content that is not article text, like the byline line:
ReaderView keeps mapping text offsets to document positions around them. Nothing
here fetches: pictures arrive as QImages the reader was given, added to the
document as resources; the reader refuses to load any other resource.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QImageReader,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
)

LOAD_LINK = "lectern-image:load"  # clicked: load this article's images
# Bigger than this (width x height) is refused before decoding: a small file can
# claim 40000 x 40000 pixels (a "decompression bomb").
MAX_PIXELS = 60_000_000
MAX_IMAGE_HEIGHT = 640  # a tall picture is scaled down to this, keeping its shape


@dataclass(frozen=True)
class ReaderImage:
    """One image as the reader shows it, ``position`` blocks into the article."""

    position: int
    label: str  # "Image: <alt or file name> — from example.com"
    caption: str = ""  # under a picture
    note: str = ""  # under a placeholder: "could not load: ...", "loading…"
    action: str = ""  # the link text offering to load ("" = none)
    image: QImage | None = None  # shown when given
    key: str = ""  # the document resource name of ``image``


def insert_image(cursor: QTextCursor, doc: QTextDocument, item: ReaderImage, width: float,
                 font: QFont, palette: QPalette) -> None:
    """Insert ``item`` at ``cursor`` in a frame of its own; the cursor ends after it."""
    frame_format = QTextFrameFormat()
    frame_format.setTopMargin(4)
    frame_format.setBottomMargin(16)
    picture = item.image is not None and not item.image.isNull()
    frame_format.setPadding(0 if picture else 8)
    if not picture:
        border = QColor(palette.placeholderText().color())
        border.setAlpha(90)
        frame_format.setBorder(1)
        frame_format.setBorderBrush(border)
        frame_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    frame = cursor.insertFrame(frame_format)
    inner = frame.firstCursorPosition()
    quiet = QTextCharFormat()
    quiet.setFont(font)
    quiet.setFontPointSize(font.pointSizeF() * 0.85)
    quiet.setForeground(palette.placeholderText())
    if picture:
        assert item.image is not None
        doc.addResource(QTextDocument.ResourceType.ImageResource, item.key, item.image)
        image_format = QTextImageFormat()
        image_format.setName(item.key)
        # The width alone (the height follows the picture's shape), and never wider
        # than the column, which a narrower window makes narrower.
        image_format.setWidth(_fitted(item.image, width)[0])
        image_format.setMaximumWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        image_format.setToolTip(item.label)
        inner.insertImage(image_format)
        if item.caption:
            block = QTextBlockFormat()
            block.setTopMargin(4)
            inner.insertBlock(block, quiet)
            inner.insertText(item.caption, quiet)
    else:
        inner.setBlockCharFormat(quiet)
        inner.insertText(item.label, quiet)
        if item.note:
            inner.insertText(f"  ·  {item.note}", quiet)
        if item.action:
            link = QTextCharFormat(quiet)
            link.setAnchor(True)
            link.setAnchorHref(LOAD_LINK)
            link.setForeground(palette.link())
            link.setToolTip("Load this article's images from the web (Ctrl+Shift+I); "
                            "they are kept with the article")
            inner.insertText("  ·  ", quiet)
            inner.insertText(item.action, link)
    cursor.setPosition(frame.lastPosition() + 1)


def _fitted(image: QImage, width: float) -> tuple[float, float]:
    """The picture's shown size: never wider than the column or taller than the cap,
    never enlarged."""
    scale = min(1.0, width / max(image.width(), 1), MAX_IMAGE_HEIGHT / max(image.height(), 1))
    return image.width() * scale, image.height() * scale


def decode_picture(data: bytes, max_width: int) -> QImage | str:
    """The picture in ``data``, at most ``max_width`` wide (decoded at that size, so a
    huge photo never sits in memory whole); or why it cannot be shown."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid():
        if size.width() * size.height() > MAX_PIXELS:
            return (f"the picture is too large to show ({size.width():,} × {size.height():,} "
                    "pixels)")
        if size.width() > max_width:
            reader.setScaledSize(QSize(max_width, max(1, round(size.height() * max_width
                                                                / size.width()))))
    image = reader.read()
    if image.isNull():
        return "the picture could not be decoded"
    return image
