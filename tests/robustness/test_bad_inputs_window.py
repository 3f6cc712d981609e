"""Every bad input through the window's import: the report names each failure with
its message, the other files import, the library stays intact."""

from __future__ import annotations

from pathlib import Path

from hostile_inputs import BAD_CASES, GOOD_CASES, hostile_dir, integrity_ok
from PySide6.QtWidgets import QMessageBox

from desktop.ui import actions

__all__ = ["hostile_dir"]  # a fixture


def test_window_import_of_a_hostile_batch(qtbot, window, hostile_dir: Path) -> None:  # type: ignore[no-untyped-def]
    cases = [*GOOD_CASES[:3], *BAD_CASES, *GOOD_CASES[3:]]
    files = [str(hostile_dir / c.name) for c in cases]
    with qtbot.waitSignal(window.imports_done, timeout=120_000) as blocker:
        actions.import_files(window, files)
    report = blocker.args[0]

    failed = dict(report.failed)
    assert set(failed) == {str(hostile_dir / c.name) for c in BAD_CASES}
    for case in BAD_CASES:
        message = failed[str(hostile_dir / case.name)]
        assert case.message in message and "\n" not in message, (case.name, message)
        assert "unexpected error" not in message
    imported = {name: article_id for name, article_id, _dup in report.imported}
    assert set(imported) == {str(hostile_dir / c.name) for c in GOOD_CASES}
    for case in GOOD_CASES:
        assert case.marker in window.library.article(imported[str(hostile_dir / case.name)]).text
    assert window.library_panel.model.rowCount() == len(GOOD_CASES)
    # The user is told, without a modal loop blocking the window.
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert any(f"{len(BAD_CASES)} of {len(cases)} could not be imported" in b.text()
               for b in boxes)
    assert integrity_ok(window.library.path)
