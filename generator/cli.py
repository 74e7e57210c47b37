"""The `musrenbang` command: check, build, serve, baru, impor, skema and contoh. The only place that
prints and picks exit codes.

Exit codes: 0 done, 1 problems in the records (or the site could not be built, or a sheet row was
refused), 2 wrong usage (including a sheet file that cannot be read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import quick, scaffold, schema
from .audit import AuditFailed
from .build import BuildResult, build, check_records, keep, tidy
from .contoh import SKALA, ContohError, tulis
from .engine import BASE_CONFIG
from .load import Cache
from .problems import MusrenbangError, Problem, RecordsInvalid, relative
from .render import TEMPLATES

if TYPE_CHECKING:
    from . import preview

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


def _attempt(args: argparse.Namespace, cache: Cache | None = None) -> tuple[BuildResult | None, list[str]]:
    """Build, printing problems, warnings and notes; on failure also the lines the preview shows."""
    try:
        result = build(
            args.content, args.out, args.work, strict=args.strict, site_url=args.site_url, cache=cache
        )
    except (RecordsInvalid, AuditFailed) as invalid:
        _print_problems(invalid.problems)
        print("Situs tidak dibangun; situs sebelumnya tidak berubah.")
        shown = [p.format() for p in invalid.problems if args.strict or not p.warning]
        return None, [*shown, _summary(invalid.problems)]
    except MusrenbangError as error:
        print(f"galat: {error}", file=sys.stderr)
        return None, [f"galat: {error}"]
    if result.warnings:
        _print_problems(result.warnings)
    for note in result.notes:
        print(f"catatan: {note}")
    return result, []


def _build(args: argparse.Namespace) -> int:
    result, _ = _attempt(args)
    if result is None:
        return 1
    print(f"Situs dibangun di {args.out}: {result.pages} halaman.", flush=True)
    keep()  # for the next build, once the site is announced
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


def _preview_build(args: argparse.Namespace, state: preview.State, cache: Cache) -> None:
    """One build for the preview: problems go to the terminal and to the browser's overlay."""
    state.started()
    began = time.monotonic()
    result, shown = _attempt(args, cache)
    state.finished(shown, replaced=result is not None)
    if result is not None:
        seconds = f"{time.monotonic() - began:.1f}".replace(".", ",")
        print(f"Situs dibangun: {result.pages} halaman ({seconds} detik).", flush=True)
        keep()  # for the next process, once the site is announced


def _quick(args: argparse.Namespace, state: preview.State, cache: Cache, changed: set[Path]) -> None:
    """The changed records' own pages first, in about a second; the full build follows."""
    began = time.monotonic()
    try:
        updated = quick.update(args.content, args.out, args.work, args.site_url, changed, cache)
    except Exception:  # noqa: BLE001 - a shortcut only: the full build that follows reports any problem
        return
    if updated:
        state.bump()
        seconds = f"{time.monotonic() - began:.1f}".replace(".", ",")
        print(f"Diperbarui dulu ({seconds} detik): {', '.join(updated)}")


def cmd_serve(args: argparse.Namespace) -> int:
    from . import preview  # here, like impor's modules: a build by hand need not import them

    state = preview.State()
    cache: Cache = {}
    _preview_build(args, state, cache)
    args.out.mkdir(parents=True, exist_ok=True)
    server = preview.server(args.out, args.port, state)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Pratinjau: http://127.0.0.1:{args.port}/ (Ctrl+C untuk berhenti)")
    watched = [args.content, TEMPLATES, BASE_CONFIG]
    stamp = _stamp(watched)
    idle = 0  # checks since the last build
    try:
        while True:
            time.sleep(0.3)
            now = _stamp(watched)
            if now == stamp:
                idle += 1
                if idle == 10:  # three seconds after a build, while nobody waits
                    tidy()
                continue
            idle = 0
            before = stamp
            while now != stamp:  # wait until the editor has finished saving
                stamp = now
                time.sleep(0.2)
                now = _stamp(watched)
            print("Catatan berubah; membangun ulang…")
            changed = {Path(entry[0]) for entry in set(now) - set(before)}
            if all(path.is_relative_to(args.content) for path in changed):  # templates: full build only
                _quick(args, state, cache, changed)
            _preview_build(args, state, cache)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


def cmd_impor(args: argparse.Namespace) -> int:
    from .impor import DITOLAK, SheetInvalid, plan, report, summary, write
    from .rows import Options
    from .sheets import SheetUnreadable

    options = Options(args.tahun, args.tanggal or dt.date.today())
    try:
        found = plan(args.berkas, args.content, options, args.peta)
    except SheetUnreadable as error:
        print(f"galat: {error}", file=sys.stderr)
        return 2
    except SheetInvalid as invalid:
        _print_problems(invalid.problems)
        print("Tidak ada yang diimpor.")
        return 1
    except RecordsInvalid as invalid:
        _print_problems(invalid.problems)
        print(f"Tidak ada yang diimpor: perbaiki dulu catatan di {args.content} (musrenbang check).")
        return 1
    for line in report(found):
        print(line)
    if found.problems:
        _print_problems(found.problems)
    refused = found.count(DITOLAK) > 0
    if args.coba:
        print(f"Uji coba: {summary(found)}. Tidak ada berkas yang ditulis (--coba).")
    elif found.problems or (refused and not args.lewati_yang_ditolak):
        print(f"Rencana: {summary(found)}.")
        print(
            "Tidak ada berkas yang ditulis: perbaiki baris yang ditolak lalu impor lagi, "
            "atau tulis baris yang baik saja dengan --lewati-yang-ditolak."
        )
    else:
        written = write(found, args.content)
        print(f"Selesai: {summary(found)}; {len(written)} berkas ditulis.")
    return 1 if refused or found.problems else 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"diharapkan tanggal TTTT-BB-HH, ditemukan {value!r}") from None


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
    impor = commands.add_parser(
        "impor", help="baca usulan dari lembar SIPD/e-Musrenbang (.xlsx, .csv) menjadi catatan usulan"
    )
    impor.add_argument("berkas", type=Path, help="lembar .xlsx atau .csv")
    impor.add_argument("--content", type=Path, default=Path("content"), help="folder catatan (content/)")
    impor.add_argument("--coba", action="store_true", help="tampilkan rencana per baris tanpa menulis berkas")
    impor.add_argument("--tahun", type=int, help="tahun rencana untuk baris tanpa kolom Tahun")
    impor.add_argument(
        "--tanggal",
        type=_date,
        help="tanggal data TTTT-BB-HH: tanggal keputusan yang baru terlihat pada lembar (bawaan: hari ini)",
    )
    impor.add_argument("--peta", type=Path, help="berkas YAML: judul kolom lembar → nama kolom impor")
    impor.add_argument(
        "--lewati-yang-ditolak", action="store_true", help="tulis baris yang baik walau ada baris ditolak"
    )
    impor.set_defaults(run=cmd_impor)
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
