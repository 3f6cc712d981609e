"""Settings are declared once and read typed: a bad stored value falls back to the default."""

from __future__ import annotations

from desktop.core import settings
from desktop.core.storage.library import Library


def test_unset_settings_read_as_their_defaults(library: Library) -> None:
    assert settings.read(library, settings.THEME) == "system"
    assert settings.read(library, settings.TEXT_SIZE) == 0
    assert settings.read(library, settings.ENTITY_HIGHLIGHTS) is True
    assert settings.read(library, settings.ENTITY_CATEGORIES) is None


def test_values_round_trip_typed_and_are_stored_as_before(library: Library) -> None:
    settings.write(library, settings.TEXT_SIZE, 17)
    settings.write(library, settings.ENTITY_HIGHLIGHTS, False)
    settings.write(library, settings.SAMPLES_SEEDED, True)
    assert settings.read(library, settings.TEXT_SIZE) == 17
    assert settings.read(library, settings.ENTITY_HIGHLIGHTS) is False
    assert settings.read(library, settings.SAMPLES_SEEDED) is True
    # The stored text is what earlier versions wrote, so old libraries read the same.
    assert library.setting("ui.text_size") == "17"
    assert library.setting("entities.highlights") == "0"


def test_an_unreadable_stored_value_gives_the_default(library: Library) -> None:
    library.set_setting("ui.text_size", "huge")
    library.set_setting("ui.last_article", "-3")
    assert settings.read(library, settings.TEXT_SIZE) == 0
    assert settings.read(library, settings.LAST_ARTICLE) == 0


def test_every_setting_is_declared_once_with_a_description() -> None:
    keys = [s.key for s in settings.SETTINGS]
    assert len(keys) == len(set(keys))
    assert all(s.description.strip() for s in settings.SETTINGS)
    window = {s.key for s in settings.SETTINGS if s.scope == "window"}
    assert window == {"geometry", "splitter", "notes_splitter"}
