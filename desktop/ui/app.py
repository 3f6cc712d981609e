"""Starting the app: one QApplication, the library, the main window.

A launch shows the window first (frame, last article, theme and sizes from
caches that need neither the core nor the library) and opens the library on the
next turn of the event loop, completing the window in place; the features
(entities, highlights, export) plug in one turn later. So the core's imports and
the library's safety checks never delay the first paint. ``create_window`` builds
the complete window in one step, for tests and tools.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core import settings
from desktop.core.paths import AppPaths, app_paths
from desktop.resources_path import resource_path
from desktop.ui.first_paint import read_first_paint
from desktop.ui.main_window import MainWindow
from desktop.ui.theme import apply_theme

if TYPE_CHECKING:
    from desktop.core.storage.library import Library
    from desktop.core.storage.lock import LibraryInUse
    from desktop.core.storage.opening import OpenReport


def make_application(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fusion named at construction: Qt builds only it, where setStyle() afterwards
    # would build the platform's default style first and then replace it (~6 ms).
    app = QApplication(["lectern", "-style", "Fusion", *argv])
    app.setApplicationName("Lectern")
    app.setOrganizationName("Lectern")
    app.setApplicationVersion(__version__)
    icon = resource_path("icons", "lectern.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    sheet = resource_path("styles", "lectern.qss")
    if sheet.exists():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    from desktop.ui.reader_view import hand_copied_text_to_qt

    app.aboutToQuit.connect(hand_copied_text_to_qt)
    return app


def seed_samples(library: Library) -> None:
    """Give a new library a few articles to explore (only once, only when empty)."""
    if settings.read(library, settings.SAMPLES_SEEDED) or library.list_articles():
        return
    from desktop.core.importing.kinds import is_article_file
    from desktop.core.operations.import_articles import import_path

    for path in sorted(resource_path("samples").glob("*")):
        if not is_article_file(path):
            continue
        try:
            import_path(library, path)
        except Exception as exc:  # a broken sample must never stop the app opening
            sys.stderr.write(f"lectern: sample {path.name} not imported: {exc}\n")
    settings.write(library, settings.SAMPLES_SEEDED, True)


def create_window(
    paths: AppPaths, *, with_samples: bool = True, features: bool = True,
    readonly_ok: bool = False,
) -> MainWindow:
    """The main window on the library at ``paths``; ``features=False`` leaves the
    features for the caller to install (``window.install_features()``) once shown.

    The library opens safely (locked, checked, recovered, backed up); raises
    LibraryInUse if another Lectern has it, unless ``readonly_ok``."""
    library, report = _open_library(paths, with_samples=with_samples, readonly_ok=readonly_ok)
    window = MainWindow(library, paths)
    window.restore_state()
    if features:
        window.install_features()
    _tell_open_report(window, report)
    return window


def _open_library(
    paths: AppPaths, *, with_samples: bool, readonly_ok: bool
) -> tuple[Library, OpenReport]:
    from desktop.core.storage.opening import open_library_safely

    library, report = open_library_safely(paths, readonly_ok=readonly_ok)
    if with_samples and not library.readonly:
        seed_samples(library)
    apply_theme(settings.read(library, settings.THEME))  # before any panel picks colours
    return library, report


def _tell_open_report(window: MainWindow, report: OpenReport) -> None:
    """Say what opening the library involved: a recovery, or read-only mode."""
    if report.readonly:
        window.show_read_only()
    if report.recovery is not None:
        from desktop.ui.safe_text import plain_message_box

        box = plain_message_box(QMessageBox.Icon.Warning, "Your library was repaired",
                                report.recovery.message, QMessageBox.StandardButton.Ok, window)
        box.setObjectName("recoveryNotice")
        box.open()


def _ask_read_only(exc: LibraryInUse, parent: MainWindow | None = None) -> bool:
    who = f"Another Lectern (process {exc.holder_pid})" if exc.holder_pid else "Another Lectern"
    from desktop.ui.safe_text import plain_message_box

    box = plain_message_box(QMessageBox.Icon.Warning, "Library in use",
                            f"{who} has your library open:\n{exc.library}",
                            QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText("You can open it read-only now, and make changes once the other "
                           "Lectern has closed.")
    read_only = box.addButton("Open Read-Only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only


def open_arguments(window: MainWindow, arguments: list[str]) -> None:
    """Import the files and follow the ``lectern://`` links given to Lectern."""
    links = [a for a in arguments if a.startswith("lectern://")]
    files = [a for a in arguments if not a.startswith("lectern://")]
    window.open_arguments(files, links)
    window.raise_()
    window.activateWindow()


def _serve_later_launches(app: QApplication, window: MainWindow) -> None:
    """Files and links from later launches (or macOS open events) come to this window."""
    from desktop.ui.single_instance import FileOpenFilter

    if window.library.readonly:
        return  # the writable window serves them
    from desktop.ui.lending import serve_commands

    server = serve_commands(window)
    app.aboutToQuit.connect(server.close)
    server.arguments_received.connect(lambda arguments: open_arguments(window, arguments))
    app.installEventFilter(FileOpenFilter(lambda arguments: open_arguments(window, arguments), app))


def run_app(arguments: Sequence[str]) -> int:
    app = make_application()
    paths = app_paths()
    if arguments:
        from desktop.ui.single_instance import forward_to_running

        if forward_to_running(paths.library, list(arguments)):
            sys.stderr.write("lectern: passed to the Lectern window already open\n")
            return 0
    first = read_first_paint(paths.data_dir)
    apply_theme(first.theme)
    window = MainWindow(None, paths)
    window.show_first_paint(first)
    window.restore_layout()
    window.show()
    QTimer.singleShot(0, lambda: _complete_window(app, window, paths, list(arguments)))
    status = int(app.exec())
    if window.attached:
        from desktop.core.storage.opening import backup_on_close

        backup_on_close(window.library, paths)
        window.library.close()
    return status


def _complete_window(
    app: QApplication, window: MainWindow, paths: AppPaths, arguments: list[str]
) -> None:
    """The start's second step: open the library and complete the shown window."""
    from desktop.core.storage.lock import LibraryInUse

    try:
        try:
            library, report = _open_library(paths, with_samples=True, readonly_ok=False)
        except LibraryInUse as exc:
            if not _ask_read_only(exc, window):
                app.exit(1)
                return
            library, report = _open_library(paths, with_samples=True, readonly_ok=True)
    except Exception as exc:
        from desktop.ui.safe_text import plain_message_box

        plain_message_box(QMessageBox.Icon.Critical, "Lectern cannot open its library", str(exc),
                          QMessageBox.StandardButton.Ok, window).exec()
        app.exit(1)
        return
    window.attach(library)
    window.restore_reading()
    _tell_open_report(window, report)
    if report.backup_due:  # a large library: copied off the GUI thread, once a day
        from desktop.core.storage.backups import background_backup

        window.tasks.run(lambda _progress: background_backup(paths.library, paths.backups))
    QTimer.singleShot(0, window.install_features)
    QTimer.singleShot(0, lambda: _serve_later_launches(app, window))
    if arguments:
        QTimer.singleShot(0, lambda: open_arguments(window, arguments))
