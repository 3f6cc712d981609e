"""``lectern images``: list without touching the network, load once, forget."""

from __future__ import annotations

import json
from pathlib import Path

from image_server import article_page, image_server
from lectern_testing import run_cli


def test_list_load_and_forget_an_articles_images(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with image_server() as server:
        page = tmp_path / "shore.html"
        page.write_text(article_page(server.base, ["/img/a.png", "/missing.png"]),
                        encoding="utf-8")
        imported = run_cli("import", "--json", str(page), home=home)
        article_id = str(json.loads(imported.stdout)["id"])

        listed = run_cli("images", article_id, "--json", home=home)
        rows = [json.loads(line) for line in listed.stdout.splitlines()]
        assert [(r["position"], r["state"]) for r in rows] == [(2, "not loaded"), (3, "not loaded")]
        assert server.requests == []

        loaded = run_cli("images", article_id, "--load", "--json", home=home)
        assert loaded.returncode == 1  # one image could not be loaded
        assert "Loaded 1 image; 1 could not be loaded (the server answered 404" in loaded.stderr
        states = [json.loads(line)["state"] for line in loaded.stdout.splitlines()]
        assert states == ["loaded", "failed"]
        assert sorted(server.requests) == ["/img/a.png", "/missing.png"]

        plain = run_cli("images", article_id, home=home)
        assert "loaded\t" in plain.stdout and "failed (the server answered 404" in plain.stdout
        assert len(server.requests) == 2

        forgot = run_cli("images", article_id, "--forget", "--json", home=home)
        assert "removed 1 loaded image" in forgot.stderr
        assert [json.loads(x)["state"] for x in forgot.stdout.splitlines()] == ["not loaded"] * 2

    missing = run_cli("images", "999", home=home)
    assert missing.returncode != 0 and "no article with id 999" in missing.stderr
