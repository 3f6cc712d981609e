"""File > Export…: what to export (scope), where (folder) and how (template)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export.templates import TemplateInfo, available_templates

_PRESET_BLURBS = {
    "default": "Obsidian and Markdown tools: front matter, tags, block ids, links back",
    "zotero": "like Zotero's note export: “quote” (citation) comment",
    "plain": "plain Markdown: no front matter, tags or app links",
}


@dataclass(frozen=True)
class ExportRequest:
    article_ids: list[int]
    folder: Path
    template: str
    scope: str  # "current" | "selected" | "library"


class ExportDialog(QDialog):
    def __init__(self, *, current: tuple[int, str] | None, selected: list[int],
                 all_ids: list[int], folder: str, template: str, templates_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Notes")
        self.setObjectName("exportDialog")
        self._current, self._selected, self._all = current, selected, all_ids
        self.templates_folder = templates_folder

        self.scope_current = QRadioButton()
        self.scope_selected = QRadioButton()
        self.scope_library = QRadioButton()
        self.scopes = QButtonGroup(self)
        for button in (self.scope_current, self.scope_selected, self.scope_library):
            self.scopes.addButton(button)
        title = current[1] if current else ""
        short = title if len(title) <= 50 else title[:49] + "…"
        self.scope_current.setText(f"Current article: {short}" if current else "Current article")
        self.scope_current.setEnabled(current is not None)
        self.scope_selected.setText(f"Selected articles ({len(selected)})")
        self.scope_selected.setEnabled(len(selected) > 0)
        noun = "article" if len(all_ids) == 1 else "articles"
        self.scope_library.setText(f"Whole library ({len(all_ids)} {noun})")
        self.scope_library.setEnabled(bool(all_ids))
        if len(selected) > 1:
            self.scope_selected.setChecked(True)
        elif current is not None:
            self.scope_current.setChecked(True)
        else:
            self.scope_library.setChecked(True)

        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setPlaceholderText("Folder for the Markdown files (e.g. your vault)")
        self.folder_edit.textChanged.connect(self._validate)
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)

        self.template_box = QComboBox()
        self.template_box.setObjectName("exportTemplate")
        self.template_hint = QLabel()
        self.template_hint.setWordWrap(True)
        self.template_hint.setObjectName("hint")
        self.template_box.currentIndexChanged.connect(self._template_changed)
        self.reload_templates(template)
        open_templates = QPushButton("Templates Folder")
        open_templates.setToolTip(f"Add your own NAME.md.j2 templates here:\n{templates_folder}")
        open_templates.clicked.connect(self._open_templates_folder)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_box, 1)
        template_row.addWidget(open_templates)

        scope_box = QVBoxLayout()
        for button in (self.scope_current, self.scope_selected, self.scope_library):
            scope_box.addWidget(button)
        form = QFormLayout()
        form.addRow("Export:", scope_box)
        form.addRow("To folder:", folder_row)
        form.addRow("Template:", template_row)
        form.addRow("", self.template_hint)
        note = QLabel("Files you edited since the last export are kept: only new highlights "
                      "and notes are added, in a dated section at the end.")
        note.setWordWrap(True)
        note.setObjectName("hint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._validate()

    def reload_templates(self, wanted: str) -> None:
        self.template_box.blockSignals(True)
        self.template_box.clear()
        infos: list[TemplateInfo] = available_templates(self.templates_folder)
        for info in infos:
            label = info.name if info.preset else f"{info.name} (yours)"
            self.template_box.addItem(label, info.name)
            self.template_box.setItemData(self.template_box.count() - 1, str(info.path),
                                          Qt.ItemDataRole.ToolTipRole)
        index = self.template_box.findData(wanted)
        self.template_box.setCurrentIndex(max(index, 0))
        self.template_box.blockSignals(False)
        self._template_changed()

    def _template_changed(self) -> None:
        name = str(self.template_box.currentData() or "")
        self.template_hint.setText(_PRESET_BLURBS.get(name, "your template"))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Export to folder",
                                                  self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def _open_templates_folder(self) -> None:
        self.templates_folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.templates_folder)))

    def _validate(self) -> None:
        has_scope = any(b.isEnabled() for b in self.scopes.buttons())
        self.export_button.setEnabled(bool(self.folder_edit.text().strip()) and has_scope)

    def request(self) -> ExportRequest:
        if self.scope_current.isChecked() and self._current is not None:
            ids, scope = [self._current[0]], "current"
        elif self.scope_selected.isChecked():
            ids, scope = list(self._selected), "selected"
        else:
            ids, scope = list(self._all), "library"
        folder = Path(self.folder_edit.text().strip()).expanduser()
        return ExportRequest(ids, folder, str(self.template_box.currentData()), scope)
