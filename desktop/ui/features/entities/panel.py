"""The Entities tab: a legend with a switch per category, the article's entities
grouped by category with mention counts, mention stepping, and "articles
mentioning this". It shows what it is given and says what the reader asked for
through signals; the controller (desktop/ui/features/entities/controller.py) does the rest.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entities.categories import BY_KEY, CATEGORIES, Category
from desktop.core.entities.store import ArticleMentioning, EntitySummary

_UNDERLINES = {
    "solid": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "dash": QTextCharFormat.UnderlineStyle.DashUnderline,
    "dot": QTextCharFormat.UnderlineStyle.DotLine,
    "dashdot": QTextCharFormat.UnderlineStyle.DashDotLine,
    "dashdotdot": QTextCharFormat.UnderlineStyle.DashDotDotLine,
    "wave": QTextCharFormat.UnderlineStyle.WaveUnderline,
}
# One hue per category, chosen to stay apart for common colour-vision deficiencies
# together with the underline styles; tinted backgrounds keep text contrast.
_HUES = {
    "people": "#2f6fd6", "organisations": "#d9730d", "places": "#1f9a4b",
    "groups": "#8f3fc9", "dates": "#0f8f8a", "events": "#d6336c",
    "other": "#8a6d1f", "numbers": "#6b7785",
}
KEY_ROLE = Qt.ItemDataRole.UserRole


def category_colour(key: str, dark: bool) -> QColor:
    colour = QColor(_HUES.get(key, "#777777"))
    return colour.lighter(150) if dark else colour.darker(115)


def entity_format(category: Category, dark: bool, focused: bool = False,
                  uncertain: bool = False) -> QTextCharFormat:
    """How mentions of a category look: a tint, and a coloured underline of its own style.

    An uncertain mention has a third of the tint and a faded underline: visible
    where a reader looks for names, without claiming what it cannot know.
    """
    colour = category_colour(category.key, dark)
    if uncertain:
        colour.setAlpha(110)
    fmt = QTextCharFormat()
    background = QColor(colour)
    alpha = (72 if dark else 48) * (2 if focused else 1)
    background.setAlpha(alpha // 3 if uncertain and not focused else alpha)
    fmt.setBackground(background)
    fmt.setUnderlineStyle(_UNDERLINES[category.underline])
    fmt.setUnderlineColor(colour)
    if category.overline:
        fmt.setFontOverline(True)
    return fmt


def legend_icon(category: Category, dark: bool, text_colour: QColor) -> QIcon:
    """A sample of the category's mark ("Abc" with its tint and underline)."""
    doc = QTextDocument()
    doc.setDocumentMargin(1)
    cursor = QTextCursor(doc)
    fmt = entity_format(category, dark)
    fmt.setForeground(text_colour)
    cursor.insertText("Abc", fmt)
    size = doc.size().toSize()
    pixmap = QPixmap(size.width() + 2, size.height() + 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    doc.drawContents(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    return QIcon(pixmap)


class EntityPanel(QWidget):
    categories_changed = Signal(frozenset)  # enabled category keys
    entity_chosen = Signal(str)  # entity text
    step_requested = Signal(int)  # +1 next mention, -1 previous
    article_requested = Signal(int)
    remove_requested = Signal(str)
    relabel_requested = Signal(str, str)  # entity text, category key
    corrections_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        heading = QLabel("Entities")
        heading.setObjectName("panelHeading")
        self.status = QLabel("Open an article to see who and what it mentions.")
        self.status.setObjectName("entityStatus")
        self.status.setWordWrap(True)

        self.checkboxes: dict[str, QCheckBox] = {}
        self._icons: dict[str, QIcon] = {}
        legend = QWidget()
        grid = QGridLayout(legend)
        grid.setContentsMargins(4, 0, 4, 0)
        grid.setHorizontalSpacing(12)
        for index, category in enumerate(CATEGORIES):
            box = QCheckBox(category.name)
            box.setObjectName(f"entityToggle-{category.key}")
            box.setToolTip(f"Show {category.name.lower()} in the article "
                           f"({category.underline} underline)")
            box.toggled.connect(self._toggled)
            self.checkboxes[category.key] = box
            grid.addWidget(box, index // 2, index % 2)

        self.filter = QLineEdit()
        self.filter.setObjectName("entityFilter")
        self.filter.setPlaceholderText("Filter entities")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree = QTreeWidget()
        self.tree.setObjectName("entityTree")
        self.tree.setHeaderLabels(["Entity", "Mentions"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._item_clicked)
        self.tree.itemActivated.connect(self._item_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.previous_button = QPushButton("◀ Previous")
        self.previous_button.setToolTip("Previous mention (Shift+F8)")
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button = QPushButton("Next ▶")
        self.next_button.setToolTip("Next mention (F8)")
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.position = QLabel("")
        self.position.setObjectName("entityPosition")
        steps = QHBoxLayout()
        steps.addWidget(self.previous_button)
        steps.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        steps.addWidget(self.next_button)

        self.articles_heading = QLabel("Articles mentioning this")
        self.articles_heading.setObjectName("panelHeading")
        self.articles = QListWidget()
        self.articles.setObjectName("entityArticles")
        self.articles.setWordWrap(True)
        self.articles.itemActivated.connect(self._article_clicked)
        self.articles.itemClicked.connect(self._article_clicked)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading)
        top_layout.addWidget(legend)
        top_layout.addWidget(self.status)
        top_layout.addWidget(self.filter)
        top_layout.addWidget(self.tree, 1)
        top_layout.addLayout(steps)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.articles_heading)
        bottom_layout.addWidget(self.articles)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("entitySplitter")
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.set_position(0, 0)

    # -- what the controller shows -------------------------------------------

    def set_enabled(self, keys: frozenset[str]) -> None:
        for key, box in self.checkboxes.items():
            box.blockSignals(True)
            box.setChecked(key in keys)
            box.blockSignals(False)

    def enabled(self) -> frozenset[str]:
        return frozenset(k for k, box in self.checkboxes.items() if box.isChecked())

    def set_legend_style(self, dark: bool) -> None:
        text = self.palette().color(self.foregroundRole())
        self._icons = {key: legend_icon(BY_KEY[key], dark, text) for key in self.checkboxes}
        for key, box in self.checkboxes.items():
            box.setIcon(self._icons[key])
            sizes = self._icons[key].availableSizes()
            if sizes:
                box.setIconSize(sizes[0])

    def set_status(self, message: str) -> None:
        self.status.setText(message)

    def set_entities(self, summaries: list[EntitySummary], selected: str | None = None) -> None:
        """Grouped by category in legend order, most mentioned first within each."""
        self.tree.clear()
        groups: dict[str, list[EntitySummary]] = {}
        for summary in summaries:
            groups.setdefault(summary.category, []).append(summary)
        enabled = self.enabled()
        for category in CATEGORIES:
            members = groups.get(category.key)
            if not members or category.key not in enabled:
                continue
            parent = QTreeWidgetItem([category.name, str(sum(len(s.mentions) for s in members))])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if category.key in self._icons:
                parent.setIcon(0, self._icons[category.key])
            parent.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.tree.addTopLevelItem(parent)
            for summary in members:
                doubtful = all(m.uncertain for m in summary.mentions)
                item = QTreeWidgetItem([summary.text + (" ?" if doubtful else ""),
                                        str(len(summary.mentions))])
                item.setData(0, KEY_ROLE, summary.text)
                item.setToolTip(0, f"{summary.text} — {category.name}" + (
                    "? (uncertain: right-click ▸ Change Category fixes it in every article)"
                    if doubtful else ""))
                if doubtful:
                    item.setForeground(0, self.palette().placeholderText())
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                parent.addChild(item)
                if summary.text == selected:
                    self.tree.setCurrentItem(item)
            parent.setExpanded(True)
        self._apply_filter()

    def _apply_filter(self) -> None:
        """Hide entities (and emptied categories) that do not contain the filter text."""
        needle = self.filter.text().strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(i)
            if parent is None:
                continue
            shown = 0
            for j in range(parent.childCount()):
                child = parent.child(j)
                if child is not None:
                    hide = bool(needle) and needle not in child.text(0).casefold()
                    child.setHidden(hide)
                    shown += not hide
            parent.setHidden(shown == 0)

    def entity_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(i)
            if parent is not None:
                items.extend(c for j in range(parent.childCount()) if (c := parent.child(j)))
        return items

    def selected_entity(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, KEY_ROLE) if item is not None else None
        return str(value) if value else None

    def set_position(self, index: int, total: int) -> None:
        self.position.setText(f"{index} of {total}" if total else "")
        self.previous_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)

    def set_articles(self, entity: str | None, found: list[ArticleMentioning],
                     current: int | None) -> None:
        self.articles.clear()
        if entity is None:
            self.articles_heading.setText("Articles mentioning this")
            return
        self.articles_heading.setText(f"Articles mentioning “{entity}” ({len(found)})")
        for article in found:
            here = " (this article)" if article.article_id == current else ""
            plural = "s" if article.count != 1 else ""
            label = f"{article.title}{here} — {article.count} mention{plural}"
            item = QListWidgetItem(label)
            item.setToolTip(f"{label}\nClick to open")
            item.setData(KEY_ROLE, article.article_id)
            self.articles.addItem(item)

    # -- what the reader asks for --------------------------------------------

    def _toggled(self) -> None:
        self.categories_changed.emit(self.enabled())

    def _item_clicked(self, item: QTreeWidgetItem) -> None:
        text = item.data(0, KEY_ROLE)
        if text:
            self.entity_chosen.emit(str(text))

    def _article_clicked(self, item: QListWidgetItem) -> None:
        self.article_requested.emit(int(item.data(KEY_ROLE)))

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        text = item.data(0, KEY_ROLE) if item is not None else None
        menu = self.build_context_menu(str(text) if text else None)
        menu.exec(self.tree.viewport().mapToGlobal(point))

    def build_context_menu(self, text: str | None) -> QMenu:
        menu = QMenu(self)
        if text:
            menu.addAction("Select Mentions", lambda: self.entity_chosen.emit(text))
            menu.addSeparator()
            menu.addAction(f"Remove “{text}” Everywhere",
                           lambda: self.remove_requested.emit(text))
            change = menu.addMenu("Change Category")
            for category in CATEGORIES:
                change.addAction(category.name,
                                 lambda key=category.key: self.relabel_requested.emit(text, key))
            menu.addSeparator()
        menu.addAction("Entity Corrections…", self.corrections_requested.emit)
        return menu
