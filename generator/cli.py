"""The `musrenbang` command: check, build and serve. The only place that prints and picks exit codes.

Exit codes: 0 done, 1 problems in the records (or the site could not be built), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from . import scaffold, schema
from .audit import AuditFailed
from .build import build, check_records
from .problems import MusrenbangError, Problem, RecordsInvalid, relative
from .render import TEMPLATES

DEFAULT_WORK = Path(".build")


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    files = len({p.file for p in problems})
    return f"{errors} kesalahan, {warnings} peringatan, dalam {files} berkas"


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.format())
    print(_summary(problems))


def cmd_check(args: argparse.Namespace) -> int:
    _, problems = check_records(args.content)
    if problems:
        _print_problems(problems)
    failed = any(args.strict or not p.warning for p in problems)
    if not failed:
        print(f"Catatan di {args.content} bersih.")
    return 1 if failed else 0


def _build(args: argparse.Namespace) -> int:
    try:
        result = build(args.content, args.out, args.work, strict=args.strict, site_url=args.site_url)
    except (RecordsInvalid, AuditFailed) as invalid:
        _print_problems(invalid.problems)
        print("Situs tidak dibangun; situs sebelumnya tidak berubah.")
        return 1
    except MusrenbangError as error:
        print(f"galat: {error}", file=sys.stderr)
        return 1
    if result.warnings:
        _print_problems(result.warnings)
    print(f"Situs dibangun di {args.out}: {result.pages} halaman.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    return _build(args)


def _stamp(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    found = []
    for root in paths:
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def cmd_serve(args: argparse.Namespace) -> int:
    _build(args)
    handler = functools.partial(_QuietHandler, directory=str(args.out.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Pratinjau: http://127.0.0.1:{args.port}/ (Ctrl+C untuk berhenti)")
    watched = [args.content, TEMPLATES, Path("mkdocs.yml")]
    stamp = _stamp(watched)
    try:
        while True:
            time.sleep(1)
            now = _stamp(watched)
            if now != stamp:
                stamp = now
                print("Catatan berubah; membangun ulang…")
                _build(args)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def cmd_skema(args: argparse.Namespace) -> int:
    changed = schema.write_schemas(args.content)
    for path in changed:
        print(f"Diperbarui: {relative(path, args.content)}")
    folder = relative(args.content / schema.FOLDER, args.content)
    print(f"Skema editor di {folder}: {len(schema.files())} berkas, {len(changed)} diperbarui.")
    return 0


def _ask(prompt: str) -> str | None:
    """An answer typed at the terminal, or the next line of the input when it is not a terminal."""
    if sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    print(prompt.rstrip())
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None


def _tell(message: str, hint: str) -> None:
    print(f"  {message}\n    petunjuk: {hint}")


def cmd_baru(args: argparse.Namespace) -> int:
    flags = {q.flag: getattr(args, q.flag) for q in scaffold.questions(args.jenis_catatan)}
    try:
        written = scaffold.create(args.jenis_catatan, args.content, flags, _ask, _tell)
    except (scaffold.Unanswered, scaffold.BadFlag) as error:
        print(f"galat: {error}", file=sys.stderr)
        return 2
    except scaffold.Exists as error:
        print(f"galat: {relative(error.path, args.content)} sudah ada; berkas tidak ditimpa", file=sys.stderr)
        return 1
    for path in written:
        print(f"Dibuat: {relative(path, args.content)}")
    print(scaffold.NEXT_STEP)
    return 0


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="musrenbang",
        description="Memeriksa catatan musrenbang dan membangun situs transparansinya.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="perintah")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--content", type=Path, default=Path("content"), help="folder catatan (content/)")
        sub.add_argument("--strict", action="store_true", help="peringatan dianggap kesalahan")

    check = commands.add_parser("check", help="periksa semua catatan")
    common(check)
    check.set_defaults(run=cmd_check)
    for name, run, text in (
        ("build", cmd_build, "periksa catatan lalu bangun situs"),
        ("serve", cmd_serve, "pratinjau situs dan bangun ulang saat catatan berubah"),
    ):
        sub = commands.add_parser(name, help=text)
        common(sub)
        sub.add_argument("--out", type=Path, default=Path("site"), help="folder situs hasil (site/)")
        sub.add_argument("--work", type=Path, default=DEFAULT_WORK, help="folder kerja (.build/)")
        sub.add_argument(
            "--site-url", default=None, help="alamat publik situs, contoh https://kota.go.id/musrenbang/"
        )
        if name == "serve":
            sub.add_argument("--port", type=int, default=8000, help="port pratinjau (8000)")
        sub.set_defaults(run=run)
    skema = commands.add_parser("skema", help="tulis skema editor (JSON Schema) di content/skema/")
    skema.add_argument("--content", type=Path, default=Path("content"), help="folder catatan (content/)")
    skema.set_defaults(run=cmd_skema)
    baru = commands.add_parser("baru", help="buat catatan baru dengan semua kolom (rapat, usulan, wilayah)")
    kinds = baru.add_subparsers(dest="jenis_catatan", required=True, metavar="jenis")
    for kind in scaffold.KINDS:
        sub = kinds.add_parser(kind, help=f"buat catatan {kind} baru")
        sub.add_argument("--content", type=Path, default=Path("content"), help="folder catatan (content/)")
        for question in scaffold.questions(kind):
            sub.add_argument(f"--{question.flag.replace('_', '-')}", dest=question.flag, help=question.prompt)
        sub.set_defaults(run=cmd_baru)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
