"""Keep the UI translation in step with the sources: update jdstock_en.ts, compile jdstock_en.qm.

    python resources/i18n/extract.py              # update the .ts, then pyside6-lrelease it
    python resources/i18n/extract.py --check      # exit 1 if a string is missing or untranslated
    python resources/i18n/extract.py --unwrapped  # Chinese literals of the UI outside tr()

Translate the new (type="unfinished") messages of the .ts in Qt Linguist (pyside6-linguist) or
any editor, then run the script again to compile.

Why not pyside6-lupdate alone: it finds `self.tr("…")` and literal
`QCoreApplication.translate("ctx", "…")`, but the UI also translates through module helpers
(`def _tr(text): return QCoreApplication.translate("ProductsPage", text)`), through a page's
class attribute `title` (shown under the context "pages") and through `dialog.tr("…")` on a
local object. lupdate misses the first two and files the others under a context Qt never looks
in at run time. This reads the same calls with the ast module and knows those three forms.

Merging follows lupdate: a translation is kept while its (context, source, comment) exists; a
new message gets the translation of the same source elsewhere as a suggestion, still
"unfinished"; a message that left the sources is kept as "vanished" if it was translated.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = ROOT / "jdstock_desktop" / "ui"
LANGUAGES = {"en": "en_US"}  # file suffix -> the .ts language (decides the plural forms)
SOURCE_LANGUAGE = "zh_CN"
PAGE_CONTEXT = "pages"  # MainWindow shows a page's `title` through translate("pages", title)
TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")

Key = tuple[str, str, str]  # context, source, comment (disambiguation)


@dataclass
class Message:
    context: str
    source: str
    comment: str = ""
    numerus: bool = False
    locations: list[tuple[str, int]] = field(default_factory=list)
    translation: list[str] = field(default_factory=list)  # one text, or the plural forms
    kind: str = "unfinished"  # "" (finished), "unfinished" or "vanished"

    @property
    def key(self) -> Key:
        return self.context, self.source, self.comment


@dataclass
class Finding:
    """A call whose text cannot be extracted, or a Chinese literal outside any tr()."""

    path: Path
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: {self.what}"


# -- reading the sources --------------------------------------------------------------------------
def _text(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _alias_context(fn: ast.FunctionDef) -> str | None:
    """The context when `fn` is `def f(text): return QCoreApplication.translate("ctx", text)`."""
    body = [s for s in fn.body if not (isinstance(s, ast.Expr) and _text(s.value) is not None)]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or not fn.args.args:
        return None
    call = body[0].value
    if not (isinstance(call, ast.Call) and _is_translate(call.func) and len(call.args) >= 2):
        return None
    param = fn.args.args[0].arg
    context = _text(call.args[0])
    if context is None or not (isinstance(call.args[1], ast.Name) and call.args[1].id == param):
        return None
    return context


def _is_translate(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute) and func.attr == "translate":
        return isinstance(func.value, ast.Name) and func.value.id in TRANSLATE_OWNERS
    return isinstance(func, ast.Name) and func.id == "translate"


def _local_classes(fn: ast.AST) -> dict[str, str]:
    """name -> class for `name = SomeClass(...)` in a function: the context of `name.tr()`."""
    found: dict[str, str] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            cls = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if cls[:1].isupper():
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = cls
    return found


def _is_page(cls: ast.ClassDef) -> bool:
    names = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in cls.bases}
    return any(n == "Page" or n.endswith("Page") or n == "QWidget" for n in names)


def _page_title(cls: ast.ClassDef) -> ast.Constant | None:
    for stmt in cls.body:
        target, value = None, None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            target, value = stmt.target, stmt.value
        if isinstance(target, ast.Name) and target.id == "title" and _text(value):
            return value  # type: ignore[return-value]
    return None


class _Extractor(ast.NodeVisitor):
    def __init__(self, path: Path, relative: str) -> None:
        self.path = path
        self.relative = relative
        self.messages: list[Message] = []
        self.problems: list[Finding] = []
        self.used: set[int] = set()  # ids of the literals that are translated
        self.classes: list[str] = []
        self.aliases: list[dict[str, str]] = [{}]
        self.locals: list[dict[str, str]] = [{}]
        self.alias_bodies: set[int] = set()

    # scopes
    def _enter(self, body: Iterable[ast.stmt]) -> None:
        aliases: dict[str, str] = {}
        for stmt in body:
            if isinstance(stmt, ast.FunctionDef):
                context = _alias_context(stmt)
                if context is not None:
                    aliases[stmt.name] = context
                    self.alias_bodies.add(id(stmt))
        self.aliases.append(aliases)

    def visit_Module(self, node: ast.Module) -> None:
        self._enter(node.body)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        title = _page_title(node) if _is_page(node) else None
        if title is not None:
            self._add(PAGE_CONTEXT, title, None, False, title)
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if id(node) in self.alias_bodies:
            return
        self._enter(node.body)
        self.locals.append(_local_classes(node))
        self.generic_visit(node)
        self.locals.pop()
        self.aliases.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    # calls
    def visit_Call(self, node: ast.Call) -> None:
        self._call(node)
        self.generic_visit(node)

    def _call(self, node: ast.Call) -> None:
        func = node.func
        args = list(node.args)
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        if isinstance(func, ast.Attribute) and func.attr == "tr":
            context = self._receiver(func.value)
            if context is None:
                self._problem(node, f"tr() on {ast.unparse(func.value)}: context unknown")
                return
            self._message(node, context, args, kw, ("sourceText", "disambiguation", "n"))
        elif _is_translate(func):
            context = _text(args[0]) if args else None
            if context is None:
                self._problem(node, "translate() with a computed context")
                return
            self._message(node, context, args[1:], kw, ("sourceText", "disambiguation", "n"))
        elif isinstance(func, ast.Name) and func.id in ("QT_TR_NOOP", "QT_TRANSLATE_NOOP"):
            if func.id == "QT_TR_NOOP":
                context = self.classes[-1] if self.classes else None
            else:
                context = _text(args.pop(0)) if args else None
            if context is None:
                self._problem(node, f"{func.id}(): context unknown")
                return
            self._message(node, context, args, kw, ("sourceText", "disambiguation", "n"))
        elif isinstance(func, ast.Name):
            for scope in reversed(self.aliases):
                if func.id in scope:
                    self._message(node, scope[func.id], args, kw, ("text", "disambiguation", "n"))
                    return

    def _receiver(self, value: ast.expr) -> str | None:
        if isinstance(value, ast.Name):
            if value.id in ("self", "cls"):
                return self.classes[-1] if self.classes else None
            for scope in reversed(self.locals):
                if value.id in scope:
                    return scope[value.id]
            if value.id[:1].isupper():
                return value.id  # SomeClass.tr("…")
        return None

    def _message(
        self,
        node: ast.Call,
        context: str,
        args: list[ast.expr],
        kw: dict[str, ast.expr],
        names: tuple[str, str, str],
    ) -> None:
        given = [*args, *(kw[n] for n in names[len(args) :] if n in kw)]
        source = given[0] if given else None
        text = _text(source)
        if text is None and context == PAGE_CONTEXT:
            return  # MainWindow translating a page's title: the titles are collected as classes
        if text is None:
            shown = ast.unparse(source) if source is not None else "nothing"
            self._problem(node, f"{context}: text is computed ({shown})")
            return
        comment = _text(given[1]) if len(given) > 1 else None
        numerus = len(given) > 2
        self._add(context, source, comment, numerus, node)  # type: ignore[arg-type]

    def _add(
        self,
        context: str,
        source: ast.Constant,
        comment: str | None,
        numerus: bool,
        where: ast.AST,
    ) -> None:
        self.used.add(id(source))
        line = getattr(where, "lineno", 0)
        self.messages.append(
            Message(context, str(source.value), comment or "", numerus, [(self.relative, line)])
        )

    def _problem(self, node: ast.AST, what: str) -> None:
        self.problems.append(Finding(self.path, getattr(node, "lineno", 0), what))


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and _text(first.value) is not None:
                found.add(id(first.value))
    return found


def source_files(sources: Path = SOURCES) -> list[Path]:
    return sorted(p for p in sources.rglob("*.py") if "__pycache__" not in p.parts)


def extract(
    files: Iterable[Path], ts_dir: Path = HERE
) -> tuple[dict[Key, Message], list[Finding], list[Finding]]:
    """(messages by key, calls whose text cannot be read, Chinese literals outside tr())."""
    messages: dict[Key, Message] = {}
    problems: list[Finding] = []
    unwrapped: list[Finding] = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        relative = Path(os.path.relpath(path, ts_dir)).as_posix()
        visitor = _Extractor(path, relative)
        visitor.visit(tree)
        problems += visitor.problems
        for m in visitor.messages:
            known = messages.setdefault(m.key, m)
            if known is not m:
                known.locations += m.locations
                known.numerus = known.numerus or m.numerus
        skip = visitor.used | _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and CJK.search(node.value)
            ):
                unwrapped.append(Finding(path, node.lineno, repr(node.value)))
    return messages, problems, sorted(unwrapped, key=lambda f: (str(f.path), f.line))


# -- the .ts file ---------------------------------------------------------------------------------
def read_ts(path: Path) -> dict[Key, Message]:
    if not path.exists():
        return {}
    found: dict[Key, Message] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            numerus = msg.get("numerus") == "yes"
            tr = msg.find("translation")
            if tr is None:
                texts, kind = [], "unfinished"
            elif numerus:
                texts, kind = [f.text or "" for f in tr.iter("numerusform")], tr.get("type", "")
            else:
                texts, kind = [tr.text or ""], tr.get("type", "")
            locations = [
                (x.get("filename", ""), int(x.get("line", 0))) for x in msg.iter("location")
            ]
            source, comment = msg.findtext("source") or "", msg.findtext("comment") or ""
            message = Message(name, source, comment, numerus, locations, texts, kind)
            found[message.key] = message
    return found


def merge(extracted: dict[Key, Message], old: dict[Key, Message]) -> list[Message]:
    by_source: dict[str, list[str]] = {}
    for m in old.values():
        if m.kind != "unfinished" and any(m.translation):
            by_source.setdefault(m.source, m.translation)
    merged: list[Message] = []
    for key, m in extracted.items():
        before = old.get(key)
        if before is not None and any(before.translation):
            m.translation = before.translation
            m.kind = "unfinished" if before.kind == "unfinished" else ""
        else:
            m.translation = list(by_source.get(m.source, []))
            m.kind = "unfinished"
        merged.append(m)
    for key, m in old.items():
        if key not in extracted and any(m.translation):
            m.kind = "vanished"
            merged.append(m)
    return merged


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;", "'": "&apos;"})


def write_ts(path: Path, messages: Iterable[Message], language: str) -> None:
    contexts: dict[str, list[Message]] = {}
    for m in messages:
        contexts.setdefault(m.context, []).append(m)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="{SOURCE_LANGUAGE}">',
    ]
    for name in sorted(contexts):
        out += ["<context>", f"    <name>{_x(name)}</name>"]
        ordered = sorted(
            contexts[name], key=lambda m: (m.kind == "vanished", m.locations[:1], m.source)
        )
        for m in ordered:
            out.append('    <message numerus="yes">' if m.numerus else "    <message>")
            if m.kind != "vanished":
                for filename, line in m.locations:
                    out.append(f'        <location filename="{_x(filename)}" line="{line}"/>')
            out.append(f"        <source>{_x(m.source)}</source>")
            if m.comment:
                out.append(f"        <comment>{_x(m.comment)}</comment>")
            kind = f' type="{m.kind}"' if m.kind else ""
            if m.numerus:
                out.append(f"        <translation{kind}>")
                for form in m.translation or ["", ""]:
                    out.append(f"            <numerusform>{_x(form)}</numerusform>")
                out.append("        </translation>")
            else:
                text = m.translation[0] if m.translation else ""
                out.append(f"        <translation{kind}>{_x(text)}</translation>")
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        for candidate in (here / name, here / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
        found = shutil.which(name)
        if found:
            return found
    return None


def release(ts: Path, qm: Path) -> None:
    tool = lrelease()
    if tool is None:
        raise SystemExit("pyside6-lrelease not found: pip install PySide6-Essentials")
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)


# -- checking -------------------------------------------------------------------------------------
def stale(extracted: dict[Key, Message], ts: dict[Key, Message]) -> Iterator[str]:
    """What keeps the .ts from covering the sources: missing and untranslated messages."""
    for key, m in extracted.items():
        have = ts.get(key)
        where = ", ".join(f"{f}:{line}" for f, line in m.locations)
        if have is None or have.kind == "vanished":
            yield f"missing   [{key[0]}] {key[1]!r} ({where})"
        elif have.kind == "unfinished" or not all(have.translation):
            yield f"untranslated [{key[0]}] {key[1]!r} ({where})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report, change nothing")
    parser.add_argument("--unwrapped", action="store_true", help="list Chinese literals not in tr")
    parser.add_argument("--no-release", action="store_true", help="do not compile the .qm")
    args = parser.parse_args(argv)
    extracted, problems, unwrapped = extract(source_files())
    for p in problems:
        print(f"not extracted: {p}", file=sys.stderr)
    if args.unwrapped:
        for f in unwrapped:
            print(f)
        return 0
    status = 0
    for suffix, language in LANGUAGES.items():
        ts = HERE / f"jdstock_{suffix}.ts"
        if args.check:
            for line in stale(extracted, read_ts(ts)):
                print(f"{ts.name}: {line}")
                status = 1
            continue
        messages = merge(extracted, read_ts(ts))
        write_ts(ts, messages, language)
        todo = sum(m.kind == "unfinished" for m in messages)
        print(f"{ts.name}: {len(extracted)} messages, {todo} to translate")
        if not args.no_release:
            release(ts, ts.with_suffix(".qm"))
    return status


if __name__ == "__main__":
    sys.exit(main())
