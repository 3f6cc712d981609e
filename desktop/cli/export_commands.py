"""``lectern export | cite | annotations | templates | backup | restore``.

Exporting writes one Markdown file per article and never overwrites a file
the user edited (new highlights are appended in a dated section instead).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop.cli.arguments import record_id
from desktop.cli.output import emit_json, fail, open_library, warn

_EXPORT_EPILOG = """\
Re-exporting is safe: a file nobody edited since Lectern wrote it is rewritten;
a file you edited is kept as it is, and only what is new (highlights, changed
notes) is added at its end under "## Added by Lectern on YYYY-MM-DD". Each file
is reported as written, updated, appended, unchanged, skipped (a file of that
name that Lectern did not write) or failed.

--format web-annotation writes each article's highlights as W3C Web Annotation
JSON-LD (ARTICLE.annotations.jsonld) instead; `lectern annotations-json ID` prints it.

Templates: default, zotero, plain, and your own NAME.md.j2 files in the config
folder's templates/ (see `lectern templates`), or a template file's path.
"""


def register(subcommands: Any) -> None:
    p = subcommands.add_parser(
        "export", help="export notes and highlights as Markdown files (one per article)",
        description="Export articles' highlights and notes to a folder, one Markdown file "
                    "per article. Without IDs, every article.",
        epilog=_EXPORT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("ids", nargs="*", type=record_id, metavar="ID", help="articles (default: all)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--template", default="default", metavar="NAME_OR_FILE",
                   help="template name or file (default: %(default)s)")
    p.add_argument("--format", choices=("markdown", "web-annotation"), default="markdown",
                   help="Markdown notes (default) or W3C Web Annotation JSON-LD")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.set_defaults(func=cmd_export)

    p = subcommands.add_parser("cite", help="print a citation of articles (BibTeX or CSL-JSON)")
    p.add_argument("ids", nargs="+", type=record_id, metavar="ID")
    p.add_argument("--format", choices=("bibtex", "csl-json"), default="bibtex",
                   help="BibTeX @online entries, or a CSL-JSON array (Zotero, pandoc)")
    p.set_defaults(func=cmd_cite)

    p = subcommands.add_parser(
        "annotations-json", help="print an article's highlights as W3C Web Annotation JSON-LD")
    p.add_argument("id", type=record_id, metavar="ID")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_annotations)

    p = subcommands.add_parser("templates", help="list export templates (or install one)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--install", metavar="FILE",
                   help="copy the template FILE (NAME.md.j2) into your templates folder, "
                        "after checking it compiles; never replaces one of yours")
    p.set_defaults(func=cmd_templates)

    p = subcommands.add_parser(
        "backup", help="write the whole library (and your templates) to one archive")
    p.add_argument("file", metavar="FILE", help="archive to write, e.g. lectern-backup.zip")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_backup)

    p = subcommands.add_parser("restore", help="restore a backup into an empty library")
    p.add_argument("file", metavar="FILE", help="archive written by `lectern backup`")
    p.add_argument("--with-templates", action="store_true",
                   help="also install the backup's export templates (a template is code: "
                        "without this they are only kept aside, for you to read)")
    p.set_defaults(func=cmd_restore)


def _paths() -> Any:
    from desktop.core.paths import app_paths

    return app_paths()


def _article_ids(library: Any, ids: list[int]) -> list[int]:
    from desktop.core.errors import NotFound

    known = set(library.article_ids())
    missing = [i for i in ids if i not in known]
    if missing:
        raise NotFound(f"no article with id {', '.join(map(str, missing))}")
    return ids or library.article_ids()


def cmd_export(args: argparse.Namespace) -> int:
    library = open_library()
    ids = _article_ids(library, list(args.ids))
    if args.format == "web-annotation":
        return _export_annotations(library, ids, Path(args.out), args.json)
    from desktop.core.export.templates import load_template
    from desktop.core.export.writer import Exporter

    template = load_template(args.template, _paths().templates)
    report = Exporter(library, template).export(ids, Path(args.out))
    for item in report.files:
        if args.json:
            emit_json({"id": item.article_id, "title": item.title, "path": str(item.path),
                       "status": item.status, "message": item.message,
                       "highlights": item.added})
        else:
            note = f"\t{item.message}" if item.message else ""
            print(f"{item.status}\t{item.path}{note}")
        if item.status == "failed":
            warn(f"article {item.article_id}: {item.message}")
    for message in report.warnings:
        warn(message)
    if not args.json:
        sys.stderr.write(f"lectern: exported to {report.folder}: {report.summary()}\n")
    return 1 if report.count("failed") else 0


def _export_annotations(library: Any, ids: list[int], folder: Path, as_json: bool) -> int:
    from desktop.core.export.atomic import write_atomic
    from desktop.core.export.slug import article_file_name
    from desktop.core.export.sources import highlight_source
    from desktop.core.export.web_annotation import article_annotations_json

    store = highlight_source(library)
    folder.mkdir(parents=True, exist_ok=True)
    for article_id in ids:
        text, count = article_annotations_json(library, article_id, store)
        title = library.article(article_id).title
        path = folder / article_file_name(title, article_id, ".annotations.jsonld")
        write_atomic(path, text.encode("utf-8"))
        if as_json:
            emit_json({"id": article_id, "path": str(path), "annotations": count})
        else:
            print(f"{count}\t{path}")
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from desktop.core.export.citation import bibtex, csl_json

    library = open_library(write=False)
    records = [library.article(i) for i in _article_ids(library, list(args.ids))]
    if args.format == "bibtex":
        sys.stdout.write("\n".join(bibtex(r) for r in records))
    else:
        sys.stdout.write(csl_json(records))
    return 0


def cmd_annotations(args: argparse.Namespace) -> int:
    from desktop.core.export.atomic import write_atomic
    from desktop.core.export.web_annotation import article_annotations_json

    text, _count = article_annotations_json(open_library(write=False), args.id)
    if args.out:
        write_atomic(Path(args.out), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def cmd_templates(args: argparse.Namespace) -> int:
    from desktop.core.export.templates import available_templates, install_template

    if args.install:
        installed = install_template(Path(args.install), _paths().templates)
        print(f"installed {installed.name} as template {installed.name[:-len('.md.j2')]!r}")
        return 0

    for info in available_templates(_paths().templates):
        if args.json:
            emit_json({"name": info.name, "path": str(info.path), "preset": info.preset})
        else:
            print(f"{info.name}\t{'preset' if info.preset else 'yours'}\t{info.path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.core.export.backup import backup_library

    library = open_library(write=False)
    summary = backup_library(library, Path(args.file), _paths().templates,
                             overwrite=args.force)
    counts = summary.counts
    print(f"backed up {counts.get('articles', 0)} articles, "
          f"{counts.get('annotations', 0)} highlights and {len(summary.templates)} templates "
          f"to {summary.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.core.export.restore import restore_library

    library = open_library()
    if not Path(args.file).expanduser().is_file():
        return fail(f"no such file: {args.file}")
    result = restore_library(library, Path(args.file), _paths().templates,
                             install_templates=args.with_templates)
    counts = result.counts
    print(f"restored {counts.get('articles', 0)} articles and "
          f"{counts.get('annotations', 0)} highlights into {library.path}")
    for line in result.notes():
        warn(line)
    return 0
