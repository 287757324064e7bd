"""Keep dkgis's translation catalogs in step with the code.

Two catalogs per language, chosen by one language setting (see ``dkgis/i18n.py``):

* Qt widgets (``self.tr``, ``QCoreApplication.translate``): ``dkgis/locale/dkgis_<lang>.ts``,
  compiled to ``dkgis_<lang>.qm`` by Qt's ``lrelease``;
* the Qt-free layers (``dkgis.i18n._``, ``N_``, ``ngettext``, ``pgettext``):
  ``dkgis/locale/<lang>/LC_MESSAGES/dkgis.po``, compiled to ``dkgis.mo`` by Babel.

Usage::

    python tools/translations.py update    # add new source texts, drop vanished ones
    python tools/translations.py compile   # .ts -> .qm, .po -> .mo
    python tools/translations.py check     # exit 1 and list what is missing or stale

Git merges the catalogs as sets of messages (``merge-driver``, declared in
``.gitattributes``; enable it in a clone with ``git config merge.dkgis-catalog.driver
"python tools/translations.py merge-driver %O %A %B"``): two branches that translate
different texts merge without conflict; run ``update`` and ``compile`` after the merge.

Translators edit the ``.ts`` files with Qt Linguist (``pyside6-linguist``) or any text
editor, and the ``.po`` files with any gettext editor, then run ``compile``.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dkgis"
LOCALE = PACKAGE / "locale"
#: Languages with catalogs (English is the source language).
LANGUAGES = ("fr",)
GETTEXT_KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}


def ts_path(lang: str) -> Path:
    return LOCALE / f"dkgis_{lang}.ts"


def qm_path(lang: str) -> Path:
    return LOCALE / f"dkgis_{lang}.qm"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "dkgis.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _qt_tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}") or str(Path(sys.executable).parent / f"pyside6-{name}")
    if not Path(found).exists() and shutil.which(found) is None:
        raise SystemExit(f"pyside6-{name} was not found (it comes with PySide6)")
    return found


# -- Qt ------------------------------------------------------------------------------------


def lupdate(ts: Path) -> None:
    """Update ``ts`` with the source texts of the code (no line numbers, no obsolete ones)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as listing:
        listing.write("\n".join(str(p) for p in _sources()))
    try:
        lang = ts.stem.split("_", 1)[1]
        subprocess.run(
            [
                _qt_tool("lupdate"),
                f"@{listing.name}",
                "-locations",
                "none",
                "-no-obsolete",
                "-source-language",
                "en",
                "-target-language",
                lang,
                "-ts",
                str(ts),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        Path(listing.name).unlink()


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm``."""
    subprocess.run(
        [_qt_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def ts_messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """``(context, source) -> translation`` (``None`` when unfinished) of a ``.ts`` file."""
    messages: dict[tuple[str, str], str | None] = {}
    if not ts.exists():
        return messages
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            tr = message.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            if tr is not None and message.get("numerus") == "yes":
                forms = [f.text or "" for f in tr.iter("numerusform")]
                text = "|".join(forms) if done and all(forms) else None
            else:
                text = (tr.text or "") if done and tr is not None and tr.text else None
            messages[(name, source)] = text
    return messages


# -- gettext -------------------------------------------------------------------------------


def extract_gettext():
    """The gettext template of the code (a Babel ``Catalog``)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    template = Catalog(project="dkgis", msgid_bugs_address="", fuzzy=False)
    for path in _sources():
        for _lineno, message, comments, context in extract_from_file(
            "python", str(path), keywords=GETTEXT_KEYWORDS, comment_tags=("Translators:",)
        ):
            template.add(message, None, [], auto_comments=comments, context=context)
    return template


def _read_po(path: Path, lang: str):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    if not path.exists():
        return Catalog(locale=lang, project="dkgis", fuzzy=False)
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang)


def update_po(lang: str) -> None:
    from babel.messages.pofile import write_po

    catalog = _read_po(po_path(lang), lang)
    # The creation date kept: an update without new texts leaves the file as it was.
    catalog.update(extract_gettext(), no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    po_path(lang).parent.mkdir(parents=True, exist_ok=True)
    with open(po_path(lang), "wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, omit_header=False, sort_output=True)


def compiled_mo(lang: str) -> bytes:
    """The ``.mo`` bytes of the language's ``.po`` file."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, _read_po(po_path(lang), lang), use_fuzzy=False)
    return buffer.getvalue()


def po_messages(lang: str) -> dict[tuple[str | None, object], object]:
    return {
        (m.context, m.id): (None if m.fuzzy else m.string)
        for m in _read_po(po_path(lang), lang)
        if m.id
    }


# -- merging -------------------------------------------------------------------------------


def _ts_key(context: str, message: ET.Element) -> tuple[str, str, str]:
    return (context, message.findtext("source") or "", message.findtext("comment") or "")


def _ts_done(message: ET.Element) -> bool:
    tr = message.find("translation")
    return tr is not None and tr.get("type") is None and bool("".join(tr.itertext()).strip())


def merge_ts(ours: Path, theirs: Path) -> None:
    """Write into ``ours`` the union of the messages of ``ours`` and ``theirs``.

    A message translated on one side only keeps that translation; translated on both
    sides, ``ours`` wins.
    """
    root = ET.parse(ours).getroot()
    contexts = {c.findtext("name") or "": c for c in root.findall("context")}
    for context in ET.parse(theirs).getroot().findall("context"):
        name = context.findtext("name") or ""
        mine = contexts.get(name)
        if mine is None:
            contexts[name] = context
            continue
        index = {_ts_key(name, m): m for m in mine.findall("message")}
        for message in context.findall("message"):
            key = _ts_key(name, message)
            if key not in index:
                mine.append(message)
            elif _ts_done(message) and not _ts_done(index[key]):
                position = list(mine).index(index[key])
                mine.remove(index[key])
                mine.insert(position, message)
    for context in root.findall("context"):
        root.remove(context)
    for name in sorted(contexts):
        root.append(contexts[name])
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ours.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def merge_po(ours: Path, theirs: Path, lang: str) -> None:
    """Write into ``ours`` the union of the messages of two ``.po`` files (``ours`` wins)."""
    from babel.messages.pofile import write_po

    mine = _read_po(ours, lang)
    for message in _read_po(theirs, lang):
        if not message.id:
            continue
        existing = mine.get(message.id, context=message.context)
        if existing is None:
            mine[message.id] = message
        elif _untranslated(existing.string) and not _untranslated(message.string):
            existing.string = message.string
            existing.flags.discard("fuzzy")
    with open(ours, "wb") as handle:
        write_po(handle, mine, width=100, no_location=True, sort_output=True)


def merge_driver(base: str, ours: str, theirs: str) -> int:
    """Git merge driver for the catalogs: union of messages (see the module docstring)."""
    path = Path(ours)
    head = path.read_bytes()[:200]
    if b"<TS" in head or b"<!DOCTYPE TS>" in head:
        merge_ts(path, Path(theirs))
    else:
        merge_po(path, Path(theirs), LANGUAGES[0])
    return 0


# -- commands ------------------------------------------------------------------------------


def update() -> None:
    for lang in LANGUAGES:
        lupdate(ts_path(lang))
        update_po(lang)


def compile_all() -> None:
    for lang in LANGUAGES:
        lrelease(ts_path(lang), qm_path(lang))
        mo_path(lang).write_bytes(compiled_mo(lang))


def _untranslated(value: object) -> bool:
    if isinstance(value, (tuple, list)):
        return not all(value)
    return not value


def problems() -> list[str]:
    """Everything that keeps the catalogs from matching the code, one line each."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGUAGES:
            fresh = Path(tmp) / f"dkgis_{lang}.ts"
            lupdate(fresh)
            code = set(ts_messages(fresh))
            committed = ts_messages(ts_path(lang))
            for context, source in sorted(code - set(committed)):
                found.append(f"{ts_path(lang).name}: missing [{context}] {source!r}")
            for context, source in sorted(set(committed) - code):
                found.append(f"{ts_path(lang).name}: no longer in the code [{context}] {source!r}")
            for (context, source), text in sorted(committed.items()):
                if text is None and (context, source) in code:
                    found.append(f"{ts_path(lang).name}: not translated [{context}] {source!r}")
            qm = Path(tmp) / f"dkgis_{lang}.qm"
            if ts_path(lang).exists():
                lrelease(ts_path(lang), qm)
                if not qm_path(lang).exists() or qm.read_bytes() != qm_path(lang).read_bytes():
                    found.append(f"{qm_path(lang).name}: not compiled from {ts_path(lang).name}")

            template = {(m.context, m.id) for m in extract_gettext() if m.id}
            po = po_messages(lang)
            name = po_path(lang).name
            for key in sorted(template - set(po), key=str):
                found.append(f"{lang}/{name}: missing {key[1]!r}")
            for key in sorted(set(po) - template, key=str):
                found.append(f"{lang}/{name}: no longer in the code {key[1]!r}")
            for key, value in sorted(po.items(), key=str):
                if key in template and _untranslated(value):
                    found.append(f"{lang}/{name}: not translated {key[1]!r}")
            if po_path(lang).exists() and (
                not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled_mo(lang)
            ):
                found.append(f"{lang}/{mo_path(lang).name}: not compiled from {name}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "compile", "check", "merge-driver"))
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command == "merge-driver":
        return merge_driver(*args.files[:3])
    if args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    else:
        lines = problems()
        for line in lines:
            print(line)
        return 1 if lines else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
