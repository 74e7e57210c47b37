"""Frame: data pages rendered outside MkDocs, inside the theme's own page frame.

MkDocs renders pages at about 275 a second; a city has thousands of proposal pages and a province a
hundred thousand. So news posts and listings, proposal, list, region, statistics and series pages
skip MkDocs: MkDocs renders one *shell* page per section (same folder
depth, same front-matter fields) with marker text, and every data page is the shell with the
markers replaced by the page's own title, description, address, table of contents and article,
converted by the same Python-Markdown extensions MkDocs uses (or, for a page of headings and HTML
blocks only, by direct.py, to the same bytes). The header, navigation, search, dark
mode, print styles and scripts are byte for byte the theme's. Links between pages are resolved
here as MkDocs resolves them, and a link to a page that does not exist stops the build, as
`mkdocs build --strict` would.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import html
import json
import multiprocessing
import os
import posixpath
import re
import shutil
from collections.abc import Container, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import yaml

from . import direct, index
from .problems import BUG, EngineFailed

SECTIONS = ("berita", "usulan", "wilayah", "statistik", "seri")
VERSION = "3"  # change when the framing itself changes: pages of earlier builds are not reused
SHELL = "_bingkai"
TITLE, DESCRIPTION, IMAGE = "BINGKAIJUDUL", "BINGKAIKETERANGAN", "BINGKAIGAMBAR"
TOC_MARK = "BINGKAIDAFTAR"
KIND = "jenis_halaman"  # front matter that is the same on every page of a shell
ARTICLE = '<article class="md-content__inner md-typeset"'  # then `>` or ` data-pagefind-body>`
TOC_OPEN = re.compile(r'<nav class="md-nav md-nav--secondary" aria-label="(?P<label>[^"]*)">')
FRONT = re.compile(r"\A---\n(?P<meta>.*?)\n---\n", re.S)
LINK = re.compile(r'(?P<attr>href|src)="(?P<target>[^":?#]+\.md)(?P<anchor>#[^"]*)?"')
SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10× faster on front matter


def framed(path: str) -> bool:
    """Whether a generated page is rendered here rather than by MkDocs: every page of the data
    sections except their index pages, which sit in the navigation."""
    section, _, rest = path.partition("/")
    return section in SECTIONS and bool(rest) and rest != "index.md"


def url_of(path: str) -> str:
    """The address MkDocs (with directory URLs) gives a docs page."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = FRONT.match(text)
    if not match:
        return {}, text
    return yaml.load(match.group("meta"), Loader=SAFE) or {}, text[match.end() :]


ShellKey = tuple[str, int, bool, bool, str]  # section, folder depth, description?, image?, kind


def shell_key(path: str, text: str) -> ShellKey:
    """What a page's shell must share with it: its section, its folder depth (asset and menu links
    are relative), which front-matter fields it has, and its kind of page (`jenis_halaman`, which
    the theme reads, e.g. to call a news post an article)."""
    meta, _ = front_matter(text)
    kind = str(meta.get(KIND, ""))
    if not re.fullmatch(r"[a-z]*", kind):
        raise EngineFailed(f"{path}: {KIND} {kind!r} tidak didukung{BUG}")
    return (path.partition("/")[0], url_of(path).count("/"), "description" in meta, "image" in meta, kind)


def shells(keys: Mapping[str, ShellKey]) -> tuple[dict[str, str], dict[str, str]]:
    """One shell page per distinct key (see `shell_key`), and which shell frames each page."""
    found: dict[ShellKey, str] = {}
    chosen: dict[str, str] = {}
    for path, key in sorted(keys.items()):  # numbered the same, whichever process rendered a page
        if key not in found:
            found[key] = f"{key[0]}/{SHELL}-{len(found)}" + "/_" * (key[1] - 2) + ".md"
        chosen[path] = found[key]
    markdown_of = {}
    for (_, _, description, image, kind), shell in found.items():
        lines = ["---", f"title: {TITLE}"]
        lines += [f"description: {DESCRIPTION}"] if description else []
        lines += [f"image: {IMAGE}"] if image else []
        lines += [f"{KIND}: {kind}"] if kind else []
        markdown_of[shell] = "\n".join([*lines, "---", "", f"# {TITLE}", "", f"## {TOC_MARK}", ""])
    return markdown_of, chosen


def converter(config: Mapping[str, Any]) -> markdown.Markdown:
    """Python-Markdown set up as MkDocs sets it up from mkdocs.yml (toc, tables and fenced_code always)."""
    names: list[str] = ["toc", "tables", "fenced_code"]
    configs: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


@dataclass(frozen=True)
class Shell:
    """A rendered shell split around what changes from page to page."""

    head: str  # up to the secondary navigation's opening tag, markers inside
    middle: str  # from the end of the table of contents to the article's opening tag
    tail: str  # from the article's end to the end of the page
    toc_label: str
    url: str


def article_start(page: str) -> int:
    """Where the article's content begins in a built page (after its opening tag); -1 if none."""
    start = page.find(ARTICLE)
    return page.find(">", start) + 1 if start >= 0 else -1


def parse_shell(text: str, url: str) -> Shell:
    toc = TOC_OPEN.search(text)
    start = article_start(text)
    end = text.rfind("</article>")
    if toc is None or start < 0 or end < 0:
        raise EngineFailed(f"halaman bingkai {url} tidak dikenali (tema situs berubah?){BUG}")
    toc_end = text.index("</nav>", text.index(f"#{TOC_MARK.lower()}", toc.end()))  # one item, no children
    return Shell(
        head=text[: toc.end()],
        middle=text[toc_end:start],
        tail=text[end:],
        toc_label=html.unescape(toc.group("label")),
        url=url,
    )


def _toc_items(tokens: Iterable[Mapping[str, Any]]) -> str:
    out = []
    for token in tokens:
        title = token["name"]  # already HTML (Python-Markdown's escaped heading text)
        item = (
            f'<li class="md-nav__item">\n  <a href="#{token["id"]}" class="md-nav__link">\n'
            f'    <span class="md-ellipsis">\n      {title}\n    </span>\n  </a>\n'
        )
        if token["children"]:
            label = html.escape(re.sub(r"<[^>]+>", "", html.unescape(title)), quote=True)
            item += (
                f'  <nav class="md-nav" aria-label="{label}">\n    <ul class="md-nav__list">\n'
                f"{_toc_items(token['children'])}    </ul>\n  </nav>\n"
            )
        out.append(item + "</li>\n")
    return "".join(out)


def toc_html(tokens: Sequence[Mapping[str, Any]], label: str) -> str:
    """The secondary navigation's content, as Material's partials/toc.html writes it."""
    if tokens and tokens[0]["level"] == 1:
        tokens = tokens[0]["children"]
    if not tokens:
        return ""
    return (
        f'\n    <label class="md-nav__title" for="__toc">\n      <span class="md-nav__icon md-icon"></span>\n'
        f"      {html.escape(label, quote=False)}\n    </label>\n"
        '    <ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>\n'
        f"{_toc_items(tokens)}    </ul>\n  "
    )


def _links(body: str, path: str, url: str, known: Container[str]) -> str:
    """Links to .md pages as MkDocs writes them: to the target's address, relative to this page's."""
    base = url.rstrip("/") or "."

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group("target")))
        if target not in known:
            raise EngineFailed(f"{path}: tautan ke halaman yang tidak ada: {match.group('target')}{BUG}")
        address = posixpath.relpath(url_of(target) or ".", base)
        address = "./" if address == "." else address + "/"
        return f'{match.group("attr")}="{address}{match.group("anchor") or ""}"'

    return LINK.sub(replace, body)


def article(md: markdown.Markdown, text: str, path: str, known: Container[str]) -> Article:
    """A generated page as the theme shows it: its front matter, its article HTML with links resolved
    as MkDocs resolves them and the title as heading when the page has none (as Material does),
    and its headings for the table of contents."""
    meta, source = front_matter(text)
    converted = direct.convert(md, source)  # headings and HTML blocks only: no Python-Markdown needed
    if converted is None:
        converted = md.reset().convert(source), md.toc_tokens  # type: ignore[attr-defined]
    body = _links(converted[0], path, url_of(path), known)
    tokens = converted[1]
    if "<h1" not in body:
        body = f"<h1>{meta.get('title', '')}</h1>\n{body}"
    return Article(meta, body, tokens)


@dataclass(frozen=True)
class Article:
    meta: Mapping[str, Any]
    body: str
    tokens: Sequence[Mapping[str, Any]]


def fill(
    shell: Shell, meta: Mapping[str, Any], body: str, toc: str, url: str, skip: str, searchable: bool = True
) -> str:
    """One page: the shell with this page's title, description, address, contents and article.
    Front-matter values are already inert for HTML (the generator escapes them; see escape.py). All
    markers are replaced in one pass, so a record text that happens to contain a marker stays as is.
    A page that is not `searchable` loses the shell's mark for the search index."""
    values = {shell.url: url, f"#{TITLE.lower()}": f"#{skip}", TITLE: str(meta["title"])}
    values[DESCRIPTION] = str(meta.get("description", DESCRIPTION))
    values[IMAGE] = str(meta.get("image", IMAGE))
    markers = re.compile("|".join(re.escape(m) for m in sorted(values, key=len, reverse=True)))

    def replace(text: str) -> str:
        return markers.sub(lambda found: values[found.group(0)], text)

    middle = replace(shell.middle)
    if not searchable:
        middle = middle.replace(index.SEARCHABLE, index.PLAIN)
    return f"{replace(shell.head)}{toc}{middle}\n{body}\n{shell.tail}"


# What the manifest keeps of a framed page: its key (what it is made of) and its file's size and
# modification time, which tell whether the file is still as written.
Entry = tuple[str, int, int]


@dataclass(frozen=True)
class Job:
    """What a worker needs to write framed pages: the site, the parsed shells, the Markdown set-up."""

    site: Path
    drafts: Path  # the file of the pages' Markdown (see write.Drafts)
    shells: Mapping[str, Shell]  # by shell docs path
    chosen: Mapping[str, str]
    config: Mapping[str, Any]
    known: frozenset[str]
    # Reuse: the page keys of the last build, its site, and what its shells and pages looked like.
    fingerprints: Mapping[str, str]  # shell docs path → hash of the shell and of every known page
    previous: Path | None = None
    manifest: Mapping[str, Entry] = dataclasses.field(default_factory=dict)  # by page address


_job: Job | None = None  # set once in each worker process


def _start(job: Job) -> None:
    global _job
    _job = job


Item = tuple[str, str, int, int]  # docs path, and the hash, start and length of its Markdown


def _write_some(items: list[Item]) -> list[tuple[str, Entry, bool]]:
    assert _job is not None
    return _write(_job, items)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stamp(path: Path) -> tuple[int, int]:
    """A written page's size and modification time: unchanged as long as nobody rewrote it."""
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def _reusable(job: Job, url: str, key: str) -> Entry | None:
    """The last build's manifest entry of the page at `url` when nothing it is made of changed and its
    file is as that build left it (the preview replaces pages it patches)."""
    if job.previous is None or url not in job.manifest or job.manifest[url][0] != key:
        return None
    try:
        if _stamp(job.previous / url / "index.html") != tuple(job.manifest[url][1:]):
            return None
    except OSError:
        return None
    return job.manifest[url]


def _link_page(old: Path, folder: str) -> None:
    """Link the last build's page `old` into `folder` (a page's folder in the new site, made here) as
    its index.html: plain strings and one `mkdir` a page, not pathlib's (a city links 5,800)."""
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    try:
        os.link(old, f"{folder}/index.html")
    except OSError:  # another file system: copy, keeping the time that identifies the file
        shutil.copy2(old, f"{folder}/index.html")


def _reused(job: Job, url: str, key: str, target: Path) -> Entry | None:
    """Link the page of the last build when it is reusable (`_reusable`); its manifest entry."""
    entry = _reusable(job, url, key)
    if entry is None or job.previous is None:
        return None
    try:
        _link_page(job.previous / url / "index.html", os.fspath(target.parent))
    except OSError:
        return None
    return entry


def _key(job: Job, path: str, text_hash: str) -> str:
    """What a framed page is made of: its shell, its path and its Markdown."""
    return _digest(f"{job.fingerprints[job.chosen[path]]}\0{path}\0{text_hash}".encode())


def _reusables(job: Job, items: list[Item]) -> tuple[list[tuple[str, Entry, bool]], list[Item]]:
    """The pages the last build made of the same things (to link); the others, to make."""
    linked, rest = [], []
    for item in items:
        url = url_of(item[0])
        reused = _reusable(job, url, _key(job, item[0], item[1]))
        if reused is None:
            rest.append(item)
        else:
            linked.append((url, reused, True))
    return linked, rest


def _write(job: Job, items: list[Item]) -> list[tuple[str, Entry, bool]]:
    """Write pages, given by docs path and their Markdown's hash and place in the drafts file; for
    each its address, its manifest entry and whether it was linked from the last build."""
    md = converter(job.config)
    written = []
    with job.drafts.open("rb") as drafts:
        for path, text_hash, start, length in items:
            url = url_of(path)
            key = _key(job, path, text_hash)
            target = job.site / url / "index.html"
            reused = _reused(job, url, key, target)
            if reused is not None:
                written.append((url, reused, True))
                continue
            text = os.pread(drafts.fileno(), length, start).decode("utf-8")
            data = _page(job, md, path, url, text)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written.append((url, (key, *_stamp(target)), False))
    return written


def _page(job: Job, md: markdown.Markdown, path: str, url: str, text: str) -> bytes:
    """One framed page's bytes, from its Markdown."""
    shell = job.shells[job.chosen[path]]
    page = article(md, text, path, job.known)
    if not set(page.meta) <= {"title", "description", "image", KIND}:
        raise EngineFailed(f"{path}: kolom depan {sorted(page.meta)} tidak didukung untuk halaman data{BUG}")
    if re.search(r"<script(?![^>]*application/(ld\+)?json)", page.body):
        raise EngineFailed(f"{path}: skrip di dalam halaman data tidak diizinkan (CSP){BUG}")
    skip = page.tokens[0]["id"] if page.tokens else TITLE.lower()
    toc = toc_html(page.tokens, shell.toc_label)
    return fill(shell, page.meta, page.body, toc, url, skip, index.searchable(path)).encode("utf-8")


# Below this many pages one process is faster than starting workers.
PARALLEL_FROM = 1500


def render_pages(
    site: Path,
    drafts: Path,
    pages: Mapping[str, tuple[str, int, int]],
    chosen: Mapping[str, str],
    config: Mapping[str, Any],
    known: set[str],
    previous: Path | None = None,
    manifest: Path | None = None,
) -> Framed:
    """Write every framed page into the built site, on every core, but those the last build made of
    the same things: see Framed, which links them. `pages` gives, by docs path, the hash of each page's
    Markdown and where it lies in the `drafts` file (see write.Drafts): the workers get places, not
    texts.

    With the last build's site (`previous`) and the manifest of its framed pages, a page made of the
    same shell, the same Markdown and the same set of pages is linked instead of made again."""
    shells, fingerprints = {}, {}
    # Everything a page is made of besides its own Markdown: the set of pages its links may point to,
    # the Markdown set-up, and (below) its shell, which carries the theme, menu and policy.
    setup = json.dumps([sorted(known), config.get("markdown_extensions"), markdown.__version__], default=str)
    known_hash = _digest(setup.encode())
    for shell_path in sorted(set(chosen.values())):
        shell_url = url_of(shell_path)
        text = (site / shell_url / "index.html").read_text(encoding="utf-8")
        shells[shell_path] = parse_shell(text, shell_url)
        fingerprints[shell_path] = _digest(f"{VERSION}\0{known_hash}\0{text}".encode())
        shutil.rmtree(site / shell_path.split("/")[0] / shell_path.split("/")[1].removesuffix(".md"))
    last: dict[str, Entry] = {}
    if manifest is not None and manifest.is_file():
        try:
            loaded = json.loads(manifest.read_text(encoding="utf-8"))
            last = {url: (str(e[0]), int(e[1]), int(e[2])) for url, e in loaded.items()}
        except (ValueError, IndexError, TypeError, AttributeError):
            last = {}  # a manifest of an earlier version: nothing is reused
    job = Job(
        site, drafts, shells, dict(chosen), dict(config), frozenset(known), fingerprints, previous, last
    )
    # Unchanged pages are linked by `Framed.link`; workers start only when enough pages are left to
    # make (after one edit a city has a few hundred, fewer than starting the workers costs).
    done, items = _reusables(job, [(path, *draft) for path, draft in pages.items()])
    to_link = [url for url, _, _ in done]
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        done += _write(job, items)
    else:
        size = max(200, len(items) // (workers * 8))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        context = multiprocessing.get_context("spawn")  # no fork: the preview server runs threads
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,)) as pool:
            done += [entry for part in pool.map(_write_some, chunks) for entry in part]
    order = {url_of(path): place for place, path in enumerate(sorted(pages))}
    done.sort(key=lambda entry: order[entry[0]])  # the sitemap's order: by docs path
    if manifest is not None:
        saved = {url: list(entry) for url, entry, _ in sorted(done)}
        manifest.write_text(json.dumps(saved, separators=(",", ":")), encoding="utf-8")
    entries = {url: entry for url, entry, _ in done}
    return Framed(
        entries,
        len(to_link),
        {url: previous / url / "index.html" for url in to_link} if previous else {},
        site,
        sorted(f"{url}index.html" for url in set(last) - set(entries)),
    )


@dataclass
class Framed:
    """What `render_pages` made: the manifest entry of every framed page by address (in docs path
    order), and the unchanged pages of the last build (`unchanged`: where each lies now), which are
    in the site only once `link` is called: the search index reads them meanwhile where they are."""

    entries: dict[str, Entry]
    reused: int
    unchanged: dict[str, Path]
    site: Path
    gone: list[str]  # the framed pages of the last build that this one does not make (by path in the site)

    def link(self) -> None:
        """Link the unchanged pages of the last build into the site."""
        root = os.fspath(self.site)
        for url, old in self.unchanged.items():
            _link_page(old, f"{root}/{url}".rstrip("/"))
        self.unchanged = {}


def sitemap(site: Path, site_url: str | None, added: Iterable[str], shell_urls: Iterable[str]) -> None:
    """MkDocs's sitemap without the shells and with the framed pages (same date), plus its .gz."""
    path = site / "sitemap.xml"
    if not site_url or not path.is_file():
        return  # without a public address MkDocs writes no usable sitemap
    root = site_url.rstrip("/") + "/"
    text = path.read_text(encoding="utf-8")
    entries = re.findall(r"\s*<url>.*?</url>", text, re.S)
    if not entries:
        return
    lastmod = re.search(r"<lastmod>(.*?)</lastmod>", entries[0])
    hidden = {f"<loc>{html.escape(root + u)}</loc>" for u in shell_urls}
    kept = [e for e in entries if not any(h in e for h in hidden)]
    extra = [
        f"\n    <url>\n         <loc>{html.escape(root + u)}</loc>\n"
        + (f"         <lastmod>{lastmod.group(1)}</lastmod>\n" if lastmod else "")
        + "    </url>"
        for u in added
    ]
    start = text.index(entries[0])
    end = text.rindex(entries[-1]) + len(entries[-1])
    text = text[:start] + "".join(kept + extra) + text[end:]
    path.write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
