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

from .audit import AuditFailed
from .build import build, check_records
from .contoh import SKALA, ContohError, tulis
from .problems import MusrenbangError, Problem, RecordsInvalid
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


def cmd_contoh(args: argparse.Namespace) -> int:
    out = args.out or Path(f"contoh-{args.skala}")
    try:
        result = tulis(args.skala, args.seed, out, timpa=args.timpa)
    except ContohError as error:
        print(f"galat: {error}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{n:,} {jenis}".replace(",", ".") for jenis, n in result.jumlah.items())
    print(f"Data contoh skala {args.skala} (seed {args.seed}), {result.wilayah}, ditulis di {out}: {counts}.")
    print(f"Periksa dengan: musrenbang check --content {out} --strict")
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
    contoh = commands.add_parser("contoh", help="tulis data contoh sintetis untuk uji skala")
    contoh.add_argument("--skala", required=True, choices=list(SKALA), help="kelurahan, kota atau provinsi")
    contoh.add_argument("--seed", type=int, default=1, help="bilangan acak awal (1); seed sama, berkas sama")
    contoh.add_argument("--out", type=Path, default=None, help="folder hasil (contoh-SKALA/)")
    contoh.add_argument("--timpa", action="store_true", help="timpa folder yang tidak kosong")
    contoh.set_defaults(run=cmd_contoh)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
