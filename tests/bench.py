"""The benchmark behind `make bench`: build synthetic sites of each size and print one table.

    python -m tests.bench [--provinsi] [--seed N] [--work DIR]

For each size: the time and peak memory of every pipeline stage of a cold build, the most memory all
the build's processes held at once (sampled), pages written,
pages per second, the largest HTML page, the bytes a reader downloads for one search query (measured
in Chromium when it is installed), and (kelurahan and kota) the rebuild time after editing one
proposal and one meeting (three of each, the median and range), with the parsed records kept between
builds as `musrenbang serve` keeps them, and after `musrenbang build` run by hand after an edit.
The same run builds the kota news posts with stock mkdocs-material and its blog plugin, the reference
the speed ratio is taken against, and (cold) the kota's meetings without the proposals: the same
records the stock build gets. Timings are printed, never asserted: the tests stay untimed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import index, news, photos, quick, regions
from generator.build import build, settled
from generator.catalog import build_catalog
from generator.load import Cache, load
from generator.render import render
from generator.stages import Stopwatch

CHROMIUM = "/usr/bin/chromium"
EDITS = 3  # edits of each kind; the table shows their median (least–most)
QUERY = "drainase"


@dataclass
class Figures:
    skala: str
    records: str
    stopwatch: Stopwatch
    seconds: float
    pages: int
    largest: tuple[int, str]
    search_bytes: Search | None
    edits: list[tuple[str, float, float, float]]  # what, median seconds, least, most
    together: Together | None = None


@dataclass
class Together:
    """The most memory the build's processes held at once: this one and every process below it (the
    other render process, image and frame workers, MkDocs, Pagefind), sampled every 0.1 s."""

    mib: int = 0
    own_mib: int = 0
    processes: int = 0
    stage: str = ""
    others: str = ""  # the other processes then: each one's program and MiB


def _rss_mib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as found:
            return found.read().decode(errors="replace").split("\0")
    except OSError:
        return []


def _program(words: list[str]) -> str:
    """What a process runs (`words`: its command line), in a word: its program's name, or the Python
    module it was started with (`-m`, or multiprocessing's `-c` start-up)."""
    if not words:
        return "?"
    if "-m" in words[:-1]:
        return words[words.index("-m") + 1]
    code = next((w for w in words if "import" in w), "")
    return re.sub(r".*from (\S+) import.*", r"\1", code) if code else Path(words[0]).name


def _below(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _sample(stopwatch: Stopwatch, together: Together, done: threading.Event) -> None:
    me = os.getpid()
    mine = _cmdline(me)
    while not done.wait(0.1):
        own = _rss_mib(me)
        others: list[tuple[str, int]] = []
        for pid in _below(me):
            # A child that still runs this program is between its fork and its exec (subprocess and
            # multiprocessing start Pagefind, MkDocs and the helpers so, with vfork): it shares this
            # process's memory, and /proc shows all of it again as its own. The command line is read
            # before the size: once it differs, the size read after it is the new program's.
            words = _cmdline(pid)
            if words != mine:
                others.append((_program(words), _rss_mib(pid)))
        total = own + sum(mib for _, mib in others)
        if total > together.mib:
            stage = stopwatch.stages[-1].name if stopwatch.stages else "(start)"
            together.mib, together.own_mib, together.processes = total, own, len(others) + 1
            together.stage = f"after {stage}"
            together.others = ", ".join(f"{program} {mib:,}" for program, mib in others)


# The last run's outputs are moved here before a build is timed, and deleted once every timing is
# taken. This machine's ext4 has no journal, and then the kernel will not reuse an inode freed less
# than a minute ago: it looks at each such inode before it finds a free one, so every file a build
# creates costs more. A city's cold build right after deleting the last run's site and work folders
# took 15.4-16.4 s against 12.5-13.3 s (alternated, a minute apart): a cost of the bench's cleaning,
# not of the build, which on a fresh clone or in CI finds nothing deleted.
ASIDE = ".alt"


def aside(*folders: Path) -> None:
    """Move `folders` (those that exist) out of the way, to be deleted by `clear_aside` later."""
    for folder in folders:
        if folder.exists():
            trash = folder.parent / ASIDE / f"{folder.name}-{time.time_ns()}"
            trash.parent.mkdir(exist_ok=True)
            folder.rename(trash)


def clear_aside(root: Path) -> None:
    """Delete what `aside` moved away below `root` (the sizes' folders and root itself)."""
    for trash in [root / ASIDE, *root.glob(f"*/{ASIDE}")]:
        shutil.rmtree(trash, ignore_errors=True)


def generate(skala: str, seed: int, folder: Path) -> Path:
    content = folder / "content"
    if not content.is_dir():
        subprocess.run(
            [sys.executable, "-m", "generator.cli", "contoh", "--skala", skala, "--seed", str(seed)]
            + ["--out", str(content)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return content


def _count(content: Path) -> str:
    kinds = {kind: sum(1 for _ in (content / kind).rglob("*.yaml")) for kind in ("rapat", "usulan")}
    return f"{kinds['rapat']} rapat, {kinds['usulan']} usulan"


def html_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "pagefind" not in p.parts]


def _scopes(site: Path) -> list[tuple[str, str]]:
    """What a reader may search on a site of several kab/kota, as the Cari page offers it: the
    largest kecamatan (with its kab/kota's own shard), the largest kab/kota, and all of them."""
    shards = json.loads((site / "pagefind" / "bagian.json").read_text(encoding="utf-8"))
    fine = [
        name
        for name in shards
        if name not in (index.GENERAL, index.EVERYTHING) and not name.endswith(index.SUMMARY)
    ]
    by_kab_kota: dict[str, int] = {}
    for name in fine:
        kab_kota = regions.up_to(name, 2)
        by_kab_kota[kab_kota] = by_kab_kota.get(kab_kota, 0) + shards[name]
    if len(by_kab_kota) < 2:
        return [("all", "")]
    kecamatan = [name for name in fine if regions.level(name) == 3]
    largest_kecamatan = max(kecamatan, key=lambda k: (shards[k], k))
    largest = max(by_kab_kota, key=lambda k: (by_kab_kota[k], k))
    return [
        (f"kecamatan {largest_kecamatan}", largest_kecamatan),
        (f"kab/kota {largest}", largest),
        ("all", ""),
    ]


def search_download(site: Path) -> Search | None:
    """Bytes fetched from /pagefind/ by a reader who searches once, in a real browser: as stored,
    and gzip-compressed as static hosts send text and WebAssembly (Pagefind's own index and
    fragment files are compressed already and gain nothing). On a site of several kab/kota, once
    in each scope of `_scopes`."""
    if not Path(CHROMIUM).exists():
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from playwright.sync_api import sync_playwright

    from tests.conftest import FLAGS, serve

    scopes = _scopes(site)
    server, url = serve(site)
    found = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for label, wilayah in scopes:
                fetched: list[bytes] = []
                page = browser.new_page()

                def count(response, fetched=fetched) -> None:  # type: ignore[no-untyped-def]
                    if "/pagefind/" in response.url:
                        try:
                            fetched.append(response.body())
                        except Exception:  # noqa: BLE001 - a body the browser dropped
                            pass

                page.on("response", count)
                query = f"cari/?q={QUERY}" + (f"&wilayah={wilayah}" if len(scopes) > 1 else "")
                page.goto(url + query)
                page.wait_for_selector(".pagefind-ui__message", timeout=120_000)
                page.wait_for_timeout(1500)
                page.close()
                stored = sum(map(len, fetched))
                compressed = sum(min(len(b), len(gzip.compress(b, mtime=0))) for b in fetched)
                found.append((label, stored, compressed))
            browser.close()
    finally:
        server.shutdown()
    return Search(tuple(found))


@dataclass(frozen=True)
class Search:
    """A search's download in each scope: its label, bytes as stored and gzip-compressed."""

    scopes: tuple[tuple[str, int, int], ...]


def _edit(path: Path, pattern: str, replacement: str, originals: dict[Path, str]) -> None:
    """Edit a record as a clerk would; `originals` keeps its text from before the first edit."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text, f"nothing to edit in {path}"
    originals.setdefault(path, text)
    path.write_text(changed, encoding="utf-8")


def measure(skala: str, seed: int, root: Path, with_edits: bool = True) -> Figures:
    folder = root / skala
    content = generate(skala, seed, folder)
    out, work = folder / "site", folder / "work"
    aside(out, work)
    stopwatch = Stopwatch()
    together, done = Together(), threading.Event()
    sampler = threading.Thread(target=_sample, args=(stopwatch, together, done), daemon=True)
    sampler.start()
    began = time.perf_counter()
    build(content, out, work, stopwatch=stopwatch)  # as `musrenbang build` runs it: no cache held
    settled()  # what it writes for the next build, as the process would before it exits
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    pages = html_pages(out)
    largest = max((p.stat().st_size, p.relative_to(out).as_posix()) for p in pages)
    edits: list[tuple[str, float, float, float]] = []
    if not with_edits:
        return Figures(
            skala,
            _count(content),
            stopwatch,
            seconds,
            len(pages),
            largest,
            search_download(out),
            edits,
            together,
        )
    # `musrenbang serve` starts with a build that keeps the parsed records (and, in memory, what the
    # next build checks the records against); the edits follow it. The edited records are put back
    # after (else each run's edits add to the last's, until a title is too long to build).
    originals: dict[Path, str] = {}
    try:
        edits += _edits(content, out, work, len(pages), originals)
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
    return Figures(
        skala, _count(content), stopwatch, seconds, len(pages), largest, search_download(out), edits, together
    )


def _edits(
    content: Path, out: Path, work: Path, pages: int, originals: dict[Path, str]
) -> list[tuple[str, float, float, float]]:
    """Edit records and time the rebuilds: in `musrenbang serve`, then by hand (see `measure`)."""
    edits: list[tuple[str, float, float, float]] = []
    cache: Cache = {}
    start = time.perf_counter()
    build(content, out, work, cache=cache)
    first = time.perf_counter() - start
    edits.append(("serve: first build", first, first, first))
    found: dict[str, list[float]] = {}
    proposals = sorted((content / "usulan").rglob("*.yaml"))
    meetings = sorted((content / "rapat").rglob("*.yaml"))
    for turn in range(EDITS):  # a few records of each kind, spread over the city: the median counts
        usulan = proposals[(pages % 7 + turn * 797) % len(proposals)]
        rapat = meetings[(pages % 5 + turn * 89) % len(meetings)]
        for label, path, pattern, new in (
            ("ubah 1 usulan", usulan, r"^judul: (.*)$", r"judul: \1 (diubah)"),
            ("ubah 1 rapat", rapat, r"^tempat: (.*)$", r"tempat: \1 (diubah)"),
        ):
            _edit(path, pattern, new, originals)
            start = time.perf_counter()
            quick.update(content, out, work, None, [path], cache)
            found.setdefault(f"{label}: preview page", []).append(time.perf_counter() - start)
            start = time.perf_counter()
            build(content, out, work, cache=cache)
            found.setdefault(f"{label}: whole site", []).append(time.perf_counter() - start)
    # The published build run by hand after an edit: a new process, which reads what the last
    # `musrenbang build` kept in work/ (kept.py), not what serve holds in memory.
    settled()
    command = [sys.executable, "-m", "generator.cli", "build", "--content", str(content)]
    command += ["--out", str(out), "--work", str(work)]
    for turn in range(EDITS):
        _edit(proposals[turn * 331 % len(proposals)], r"^judul: (.*)$", r"judul: \1 (diubah lagi)", originals)
        whole, exits = _by_hand(command)
        found.setdefault("ubah 1 usulan: musrenbang build, site whole", []).append(whole)
        found.setdefault("process ends", []).append(exits)
    edits += [(label, statistics.median(times), min(times), max(times)) for label, times in found.items()]
    return edits


def _by_hand(command: list[str]) -> tuple[float, float]:
    """Run `musrenbang build`: the seconds until it says the site is built (the site is in place
    then), and until the process ends (after it writes what it keeps for the next run)."""
    start = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    assert process.stdout is not None
    whole, said = None, []
    for line in process.stdout:
        said.append(line)
        if whole is None and line.startswith("Situs dibangun"):
            whole = time.perf_counter() - start
    if process.wait() != 0 or whole is None:
        raise RuntimeError(f"musrenbang build failed: {command}\n{''.join(said[-20:])}")
    return whole, time.perf_counter() - start


def stock_reference(content: Path, root: Path) -> tuple[int, float]:
    """Our news posts built by stock mkdocs-material with its blog plugin: the same Markdown, with
    the date and categories the plugin needs in the front matter."""
    stock = (root / "stock").resolve()
    aside(stock)
    records, _ = load(content)
    catalog = build_catalog(records)
    every = [f for r in records.rapat for f in r.foto] + [f for u in records.usulan for f in u.foto]
    processed = photos.process_all(every, content, stock / "work")
    pages = render(catalog, content, records.data_date(), None, processed, stock / "work" / "foto").pages
    for rapat in catalog.rapat:
        text = pages[news.post_path(rapat)]
        head = {"date": rapat.tanggal, "categories": news.categories(catalog, rapat)}
        target = stock / "docs" / "berita" / "posts" / str(rapat.tanggal.year) / f"{rapat.id}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + yaml.safe_dump(head, allow_unicode=True) + text.removeprefix("---\n"))
    (stock / "docs" / "berita" / "index.md").write_text("# Berita\n", encoding="utf-8")
    (stock / "docs" / "index.md").write_text("# Beranda\n", encoding="utf-8")
    config = {
        "site_name": "Referensi",
        "theme": {"name": "material", "language": "id", "font": False},
        "plugins": [{"blog": {"blog_dir": "berita", "post_url_format": "{slug}"}}, "search"],
        "markdown_extensions": ["tables", "admonition", {"toc": {"permalink": True}}],
    }
    (stock / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    posts = sum(1 for _ in (stock / "docs" / "berita" / "posts").rglob("*.md"))
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(stock / "mkdocs.yml")],
        check=True,
        cwd=stock,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        stderr=subprocess.DEVNULL,
    )
    return posts, time.perf_counter() - began


def same_records(content: Path, root: Path) -> tuple[int, float]:
    """Musrenbang Terbuka on the records the stock build gets: the kota's meetings, with the regions,
    attendees, series and OPD they name, without the proposals; a cold build as `musrenbang build`
    runs it. Its HTML pages and seconds."""
    folder = (root / "sama").resolve()
    aside(folder)
    shutil.copytree(
        content, folder / "content", ignore=lambda here, names: ["usulan"] if here == str(content) else []
    )
    began = time.perf_counter()
    build(folder / "content", folder / "site", folder / "work")
    settled()
    return len(html_pages(folder / "site")), time.perf_counter() - began


def _kib(size: int | None) -> str:
    return "–" if size is None else f"{size / 1024:,.0f} KiB"


def _search(found: Search | None) -> str:
    if found is None:
        return "–"
    if len(found.scopes) == 1:
        _, stored, compressed = found.scopes[0]
        return f"{_kib(compressed)} ({_kib(stored)} uncompressed)"
    return "; ".join(f"{label} {_kib(compressed)}" for label, _, compressed in found.scopes)


def table(
    results: list[Figures], reference: tuple[int, float] | None, same: tuple[int, float] | None = None
) -> str:
    lines = [
        f"Musrenbang Terbuka benchmark, {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| size | records | stage | seconds | peak MiB (generator) | peak MiB (MkDocs, Pagefind) |",
        "|---|---|---|---:|---:|---:|",
    ]
    for r in results:
        for stage in r.stopwatch.stages:
            lines.append(
                f"| {r.skala} | {r.records} | {stage.name} | {stage.seconds:.2f} | "
                f"{stage.peak_mib:,.0f} | {stage.child_peak_mib:,.0f} |"
            )
    lines += [
        "",
        "| size | cold build s | HTML pages | pages/s | largest page | search (gzip) | edit → site s |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for r in results:
        edits = ", ".join(
            f"{label} {s:.1f}" + (f" ({low:.1f}–{high:.1f})" if high > low else "")
            for label, s, low, high in r.edits
        )
        lines.append(
            f"| {r.skala} | {r.seconds:.1f} | {r.pages:,} | {r.pages / r.seconds:,.0f} | "
            f"{_kib(r.largest[0])} ({r.largest[1]}) | {_search(r.search_bytes)} | {edits} |"
        )
    lines.append("")
    for r in results:
        if r.together and r.together.mib:
            t = r.together
            lines.append(
                f"{r.skala}: all the build's processes together held at most {t.mib:,} MiB (sampled every "
                f"0.1 s; {t.processes} processes, this one {t.own_mib:,} MiB, {t.stage}; the others: "
                f"{t.others or 'none'})."
            )
    if reference:
        posts, seconds = reference
        lines += [
            "",
            f"Stock mkdocs-material + blog plugin, kota news posts only: {posts} posts in "
            f"{seconds:.1f} s ({posts / seconds:,.0f} pages/s).",
        ]
        kota = next((r for r in results if r.skala == "kota"), None)
        if kota:
            ratio = (kota.pages / kota.seconds) / (posts / seconds)
            lines.append(
                f"Musrenbang Terbuka at kota: the whole site ({kota.pages:,} pages) in "
                f"{kota.seconds / seconds:.2f}× the stock time for the posts alone; "
                f"{ratio:.1f}× the stock pages per second."
            )
        if same:
            pages, ours = same
            lines.append(
                f"Musrenbang Terbuka on the same records as the stock build (the kota's meetings and what "
                f"they name, no proposals): {pages:,} pages in {ours:.1f} s, {seconds / ours:.1f}× faster "
                "than stock."
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--provinsi", action="store_true", help="also the province (about 110,000 pages)")
    options.add_argument("--seed", type=int, default=1)
    options.add_argument("--work", type=Path, default=Path(".cache/bench"))
    args = options.parse_args(argv)
    sizes = ["kelurahan", "kota"] + (["provinsi"] if args.provinsi else [])
    results = []
    for skala in sizes:
        print(f"… {skala}", file=sys.stderr)
        # The edit target is the city's; a province's edits would each take a whole rebuild.
        results.append(measure(skala, args.seed, args.work, with_edits=skala != "provinsi"))
    reference = stock_reference(args.work / "kota" / "content", args.work)
    same = same_records(args.work / "kota" / "content", args.work)
    clear_aside(args.work)
    print(table(results, reference, same))
    return 0


if __name__ == "__main__":
    sys.exit(main())
