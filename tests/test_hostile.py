"""Hostile text in every plain-text field reaches the built site as inert text.

For each payload, the shipped content is copied and every plain-text field of every record kind is
rewritten to hold `<payload> <marker>`, the marker naming the field. The site is built for real
(MkDocs + Pagefind) and every HTML page is parsed: the payload must be shown as typed on the pages
that show the field, and the pages must carry no script, event handler or link the theme itself
does not produce. Markdown prose (`isi`) is staff Markdown: raw HTML, unsafe links and attribute
lists there are refused by the checks instead.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from PIL import Image

from generator.build import check_records
from generator.model import KINDS
from tests.conftest import CONTENT, build_site, soup

# Payload id → (single-line text, the text for multi-line fields).
PAYLOADS: dict[str, tuple[str, str]] = {
    "script": ("<script>alert(1)</script>", "<script>\nalert(1)\n</script>"),
    "title-breakout": ("</title><script>alert(1)</script>", "</title>\n<script>alert(1)</script>"),
    "attribute-breakout": ('"><img src=x onerror=alert(1)>', '"><img src=x\nonerror=alert(1)>'),
    "single-quote": ("' onmouseover='alert(1)' x='", "' onmouseover='alert(1)'\nx='"),
    "md-link": ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    "md-autolink": ("<javascript:alert(1)>", "<javascript:alert(1)>"),
    "attr-list": ('{: onclick="alert(1)" }', 'x\n{: onclick="alert(1)" }'),
    "jinja-expression": ("{{ 7*7 }}", "{{ 7*7 }}\n{{ 7*7 }}"),
    "jinja-raw": ("{% raw %}", "{% raw %}\n{% endraw %}"),
    "emphasis": ("*bold* _it_ `code` # not a heading", "*bold* _it_ `code`\n# not a heading"),
    "table": ("| pipe | in | table |", "| pipe | in | table |\n|---|---|---|"),
    "entities": ("&amp; &lt;b&gt;", "&amp;\n&lt;b&gt;"),
    "front-matter": ("--- title: x ---", "---\ntitle: x\n---"),
    "block-syntax": ('# h !!! danger "x" <!-- more -->', '# h\n!!! danger "x"\n<!-- more -->'),
    "unicode": ("👩\u200d🌾 Kel\u200burahan ﷽ 🇮🇩", "👩\u200d🌾\nKel\u200burahan ﷽ 🇮🇩"),
}


def visible(text: str) -> str:
    """What a reader sees of a plain-text value: whitespace folded, paragraphs joined by a space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Planted:
    """One hostile value written into one field, and the pages that must show it."""

    marker: str
    value: str
    file: str
    field: str
    pages: tuple[str, ...]  # site-relative HTML files; empty: no page shows this field (yet)

    @property
    def shown(self) -> str:
        return visible(self.value)


class Planter:
    """Rewrites the records of a content copy so that each text field holds a marked payload."""

    def __init__(self, content: Path, single: str, multi: str):
        self.content = content
        self.single = single
        self.multi = multi
        self.planted: list[Planted] = []

    def put(self, file: str, field: str, pages: tuple[str, ...], multiline: bool = False) -> str:
        marker = f"zq{len(self.planted):03d}"
        payload = self.multi if multiline else self.single
        value = f"{payload}\n{marker}" if multiline else f"{payload} {marker}"
        self.planted.append(Planted(marker, value, file, field, pages))
        return value

    def records(self, kind: str) -> Iterator[tuple[Path, str, dict[str, Any]]]:
        for path in sorted((self.content / kind).rglob("*.yaml")):
            yield path, path.relative_to(self.content).as_posix(), yaml.safe_load(path.read_text("utf-8"))

    def photo(self) -> str:
        """A small real photo in the content copy, made once."""
        path = self.content / "foto" / "contoh.png"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (64, 48), (10, 120, 90)).save(path, format="PNG")
        return "foto/contoh.png"

    @staticmethod
    def save(path: Path, data: dict[str, Any]) -> None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
        path.write_text(text, encoding="utf-8")

    def plant(self) -> list[Planted]:
        rapat = {file: data for _, file, data in self.records("rapat")}
        post = {data["id"]: f"berita/{data['id']}/index.html" for data in rapat.values()}
        attends: dict[str, list[str]] = {}
        for data in rapat.values():
            for hadir in data.get("peserta", []):
                attends.setdefault(hadir["peserta"], []).append(post[data["id"]])
        in_seri: dict[str, list[str]] = {}
        for data in rapat.values():
            if data.get("seri"):
                in_seri.setdefault(data["seri"], []).append(post[data["id"]])

        for path, file, data in self.records("wilayah"):
            data["nama_lain"] = [self.put(file, "nama_lain[1]", ())]
            self.save(path, data)

        for path, file, data in self.records("peserta"):
            pages = tuple(attends.get(data["id"], ()))
            data["jabatan"] = self.put(file, "jabatan", pages)
            data["lembaga"] = self.put(file, "lembaga", pages)
            if str(data.get("kelompok", "tidak")) != "ya" and str(data.get("warga", "tidak")) != "ya":
                data["nama"] = self.put(file, "nama", pages)
            self.save(path, data)

        for path, file, data in self.records("seri"):
            pages = (f"seri/{data['id']}/index.html", "seri/index.html", "index.html", *in_seri[data["id"]])
            data["judul"] = self.put(file, "judul", pages)
            self.save(path, data)

        for path, file, data in self.records("rapat"):
            here = (post[data["id"]],)
            year = data["tanggal"].year
            # The blog lists every post, its title and excerpt (the first paragraph) on these pages.
            blog = ("berita/index.html", f"berita/archive/{year}/index.html")
            blog += (f"berita/category/tahun-{year}/index.html",)
            seri = (f"seri/{data['seri']}/index.html",) if data.get("seri") else ()
            data["judul"] = self.put(file, "judul", (*here, *blog, "index.html", *seri))
            data["tempat"] = self.put(file, "tempat", (*here, *blog, *seri))
            data["keterangan_waktu"] = self.put(file, "keterangan_waktu", (*here, *blog, "index.html", *seri))
            data["catatan_peserta"] = self.put(file, "catatan_peserta", here)
            for number, hadir in enumerate(data.get("peserta", []), start=1):
                hadir["keterangan"] = self.put(file, f"peserta[{number}].keterangan", here)
            data["agenda"] = [self.put(file, f"agenda[{n}]", here) for n in (1, 2)]
            data["keputusan"] = [self.put(file, f"keputusan[{n}]", here) for n in (1, 2)]
            sumber = [*data.get("sumber", []), {"judul": "", "url": "https://example.org/sumber?a=1&b=2"}]
            for number, s in enumerate(sumber, start=1):
                for key in ("judul", "penerbit", "keterangan"):
                    s[key] = self.put(file, f"sumber[{number}].{key}", here)
            data["sumber"] = sumber
            data["foto"] = [{"berkas": self.photo(), "keterangan": "", "alt": ""}]
            data["foto"][0]["keterangan"] = self.put(file, "foto[1].keterangan", here)
            data["foto"][0]["alt"] = self.put(file, "foto[1].alt", ())  # an attribute: checked below
            data["dokumen"] = [{"jenis": "berita-acara", "judul": "", "url": "https://example.org/ba.pdf"}]
            data["dokumen"][0]["judul"] = self.put(file, "dokumen[1].judul", here)
            self.save(path, data)

        opd_pages: dict[str, list[str]] = {}
        for _, _, data in self.records("usulan"):
            opd_pages.setdefault(data["opd_tujuan_awal"], []).append(f"usulan/{data['id']}/index.html")
        for path, file, data in self.records("opd"):
            data["nama"] = self.put(file, "nama", tuple(opd_pages.get(data["id"], ())))
            data["singkatan"] = self.put(file, "singkatan", ())
            self.save(path, data)

        for path, file, data in self.records("usulan"):
            page = f"usulan/{data['id']}/index.html"
            decided = tuple(post[s["rapat"]] for s in data["riwayat"] if s.get("rapat"))
            data["judul"] = self.put(file, "judul", (*decided, page))
            data["permasalahan"] = self.put(file, "permasalahan", (page,), multiline=True)
            for key in ("alamat", "pengusul", "satuan"):
                data[key] = self.put(file, key, (page,))
            data["foto"] = [{"berkas": self.photo(), "keterangan": "", "alt": "", "saat": "sebelum"}]
            data["foto"][0]["keterangan"] = self.put(file, "foto[1].keterangan", (page,))
            data["foto"][0]["alt"] = self.put(file, "foto[1].alt", ())
            for number, step in enumerate(data["riwayat"], start=1):
                pages = (post[step["rapat"]], page) if step.get("rapat") else (page,)
                step["alasan"] = self.put(file, f"riwayat[{number}].alasan", pages)
                step["label"] = self.put(file, f"riwayat[{number}].label", pages)
            self.save(path, data)
        return self.planted


def text_fields(cls: type, prefix: str = "") -> set[str]:
    """The plain-text fields of a record type, by key path (`sumber.judul`), found from the parsers."""
    found: set[str] = set()
    for f in dataclasses.fields(cls):
        if "parser" in f.metadata:
            found |= _text_paths(f.metadata["parser"], f"{prefix}{f.name}")
    return found


def _text_paths(parser: Any, path: str) -> set[str]:
    made_by = parser.__qualname__.split(".")[0]
    cells = dict(
        zip(parser.__code__.co_freevars, (c.cell_contents for c in parser.__closure__ or ()), strict=True)
    )
    if made_by in ("text", "text_or_unknown"):
        return {path}
    if made_by == "list_of":
        return _text_paths(cells["item"], path)
    if made_by == "record":
        return text_fields(cells["cls"], f"{path}.")
    return set()  # markdown (see the prose tests below), choices, codes, dates, numbers, urls


def test_every_plain_text_field_gets_a_payload(content: Path) -> None:
    planted: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for item in Planter(content, "x", "x").plant():
        planted[item.file.split("/")[0]].add(re.sub(r"\[\d+\]", "", item.field))
    expected = {kind: text_fields(cls) for kind, cls in KINDS.items()}
    expected["wilayah"].discard("nama")  # must stay the official name; nama_lain carries the payload
    assert planted == expected


@dataclass(frozen=True)
class HostileSite:
    payload: str
    site: Path
    pages: dict[str, BeautifulSoup]  # site-relative path → parsed page
    planted: list[Planted]


def parse_site(site: Path) -> dict[str, BeautifulSoup]:
    return {path.relative_to(site).as_posix(): soup(path) for path in sorted(site.rglob("*.html"))}


def page_text(page: BeautifulSoup) -> str:
    return visible(page.get_text())


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BeautifulSoup]:
    """The unmodified shipped content, built: what the theme itself puts in every page."""
    return parse_site(build_site(CONTENT, tmp_path_factory.mktemp("baseline")))


@pytest.fixture(scope="module", params=list(PAYLOADS), ids=list(PAYLOADS))
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    tmp = tmp_path_factory.mktemp(f"hostile-{request.param}")
    content = tmp / "content"
    shutil.copytree(CONTENT, content)
    planted = Planter(content, *PAYLOADS[request.param]).plant()
    _, problems = check_records(content)
    assert not problems, "\n".join(p.format() for p in problems)
    site = build_site(content, tmp)
    return HostileSite(request.param, site, parse_site(site), planted)


def test_every_field_is_shown_as_typed_where_it_belongs(hostile: HostileSite) -> None:
    missing = []
    for item in hostile.planted:
        for page in item.pages:
            text = page_text(hostile.pages[page])
            if item.shown not in text:
                found = [text[max(0, m.start() - 60) : m.end()] for m in re.finditer(item.marker, text)]
                missing.append(f"{item.file} {item.field} on {page}: want {item.shown!r}, saw {found}")
    assert not missing, "\n".join(missing)


def test_wherever_a_marker_shows_its_whole_payload_shows_before_it(hostile: HostileSite) -> None:
    planted = {item.marker: item for item in hostile.planted}
    broken = []
    for name, page in hostile.pages.items():
        text = page_text(page)
        for match in re.finditer(r"zq\d{3}", text):
            item = planted[match.group()]
            before = text[: match.start()].rstrip()
            if not before.endswith(visible(item.value.rsplit(item.marker, 1)[0])):
                broken.append(
                    f"{name}: {item.file} {item.field}: {text[max(0, match.start() - 60) : match.end()]!r}"
                )
    assert not broken, "\n".join(broken)


def test_template_syntax_is_never_evaluated(hostile: HostileSite) -> None:
    for name, page in hostile.pages.items():
        text = page_text(page)
        for item in hostile.planted:
            if item.marker in text and "{{ 7*7 }}" in item.value:
                assert f"49 {item.marker}" not in text, f"{name}: {item.field} was evaluated"
                assert "{{ 7*7 }}" in text, name


def scripts(page: BeautifulSoup) -> list[tuple[str, str, str, str]]:
    """Every script element; the body of a JSON-LD data block is data (checked below), not code."""
    return [
        (
            str(s.get("src", "")),
            str(s.get("type", "")),
            str(s.get("id", "")),
            "" if s.get("type") == "application/ld+json" else s.get_text(),
        )
        for s in page.find_all("script")
    ]


def test_scripts_are_exactly_those_of_the_theme(
    hostile: HostileSite, baseline: dict[str, BeautifulSoup]
) -> None:
    assert set(hostile.pages) == set(baseline)
    for name, page in hostile.pages.items():
        assert scripts(page) == scripts(baseline[name]), name
        for src, _, _, body in scripts(page):
            assert "alert" not in src and "alert" not in body, name


def test_json_ld_holds_the_title_as_data(hostile: HostileSite) -> None:
    titles = {
        Path(i.file).stem: i.value
        for i in hostile.planted
        if i.file.startswith("rapat/") and i.field == "judul"
    }
    for rapat_id, title in titles.items():
        page = hostile.pages[f"berita/{rapat_id}/index.html"]
        blocks = page.find_all("script", type="application/ld+json")
        assert len(blocks) == 1
        assert json.loads(blocks[0].get_text())["name"] == " ".join(title.split())


def elements(hostile: HostileSite) -> Iterator[tuple[str, Tag]]:
    for name, page in hostile.pages.items():
        for element in page.find_all(True):
            yield name, element


def test_no_event_handler_attributes(hostile: HostileSite) -> None:
    found = [
        f"{name}: <{element.name} {attribute}={element.attrs[attribute]!r}>"
        for name, element in elements(hostile)
        for attribute in element.attrs
        if attribute.lower().startswith("on")
    ]
    assert not found, "\n".join(found)


def test_no_script_or_data_links(hostile: HostileSite) -> None:
    found = []
    for name, element in elements(hostile):
        for attribute in ("href", "src", "action", "formaction", "xlink:href"):
            value = element.get(attribute)
            if value is not None and re.sub(r"\s", "", str(value)).lower().startswith(
                ("javascript:", "data:")
            ):
                found.append(f"{name}: <{element.name} {attribute}={value!r}>")
    assert not found, "\n".join(found)


def test_no_injected_elements(hostile: HostileSite) -> None:
    for name, page in hostile.pages.items():
        assert not [img for img in page.find_all("img") if img.get("src") == "x"], name
        for element in page.find_all(True):
            for attribute, value in element.attrs.items():
                assert "alert" not in attribute, f"{name}: <{element.name} {attribute}>"
                if attribute not in ("content", "title", "alt", "aria-label", "value"):
                    assert "alert(" not in str(value), f"{name}: <{element.name} {attribute}={value!r}>"


def test_title_and_description_hold_the_payload_as_text(
    hostile: HostileSite, baseline: dict[str, BeautifulSoup]
) -> None:
    """The post and series pages take their <title> and description from front matter."""
    fields = {(item.file, item.field): item for item in hostile.planted}
    checked = 0
    for (file, field), item in fields.items():
        if field != "judul" or not file.startswith(("rapat/", "seri/")):
            continue
        name = item.pages[0]
        head = hostile.pages[name].head
        assert head is not None
        baseline_head = baseline[name].head
        assert baseline_head is not None
        # Same elements in the same order as the theme's own head: nothing broke out of an attribute.
        assert [e.name for e in head.find_all(True)] == [e.name for e in baseline_head.find_all(True)], name
        title = head.find("title")
        assert title is not None and title.string is not None, name
        assert title.string == f"{item.shown} - Musrenbang Terbuka", f"{name}: {title!s}"
        description = head.find("meta", attrs={"name": "description"})
        assert description is not None, name
        if file.startswith("rapat/"):
            tempat = fields[(file, "tempat")]
            assert str(description["content"]).endswith(f", {tempat.shown}"), f"{name}: {description!s}"
        else:
            assert str(description["content"]).startswith(f"Jadwal {item.shown}, "), (
                f"{name}: {description!s}"
            )
        checked += 1
    assert checked == sum(1 for kind in ("rapat", "seri") for _ in (CONTENT / kind).rglob("*.yaml"))


# Markdown prose: refused when it holds HTML, unsafe links or attribute lists; template syntax is text.

PROSE_FILES = {
    "rapat": "rapat/2023/2023-musrenbangkel-margodadi.yaml",
    "seri": "seri/2023/2023-musrenbangkel-metro-selatan.yaml",
}
REFUSED_PROSE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "md-link": "[x](javascript:alert(1))",
    "md-reference": "[x]: javascript:alert(1)",
    "data-link": "[x](data:text/html,<b>x</b>)",
    "attr-list": 'Paragraf.\n{: onclick="alert(1)" }',
}


def set_isi(content: Path, relative: str, isi: str) -> None:
    path = content / relative
    data = yaml.safe_load(path.read_text("utf-8"))
    data["isi"] = isi
    Planter.save(path, data)


@pytest.mark.parametrize("kind", list(PROSE_FILES))
@pytest.mark.parametrize("isi", list(REFUSED_PROSE.values()), ids=list(REFUSED_PROSE))
def test_hostile_prose_is_refused(content: Path, kind: str, isi: str) -> None:
    set_isi(content, PROSE_FILES[kind], f"Teks biasa sebelum.\n\n{isi}\n")
    _, problems = check_records(content)
    errors = [p for p in problems if not p.warning]
    assert errors, "hostile isi was accepted"
    assert all(p.file == f"content/{PROSE_FILES[kind]}" and p.path == "isi" for p in errors), [
        p.format() for p in errors
    ]


def test_template_syntax_in_prose_is_shown_literally(content: Path, tmp_path: Path) -> None:
    isi = "Hasil rapat {{ 7*7 }} dan {% raw %}x{% endraw %} serta {{ rapat.id }} tetap teks."
    for relative in PROSE_FILES.values():
        set_isi(content, relative, isi)
    site = build_site(content, tmp_path)
    for page in (
        "berita/2023-musrenbangkel-margodadi/index.html",
        "seri/2023-musrenbangkel-metro-selatan/index.html",
    ):
        text = page_text(soup(site / page))
        assert isi in text, page
        assert "Hasil rapat 49" not in text, page


# Text no page should carry is refused at the check, with the file, line and field.
REFUSED_TEXT = {
    "100 KB": ("x" * 100_000, "diharapkan paling banyak 200 karakter, ditemukan 100000 karakter"),
    "control character": ("Aula\x07 Kelurahan", "diharapkan teks biasa, ditemukan karakter kendali U+0007"),
    "right-to-left override": (
        "Aula \u202eKelurahan",
        "diharapkan teks biasa, ditemukan karakter kendali U+202E",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED_TEXT))
def test_unprintable_or_huge_text_is_refused(content: Path, name: str) -> None:
    value, message = REFUSED_TEXT[name]
    path = content / PROSE_FILES["rapat"]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tempat"] = value
    Planter.save(path, data)
    _, problems = check_records(content)
    assert [(p.file, p.path, p.message) for p in problems] == [
        (f"content/{PROSE_FILES['rapat']}", "tempat", message)
    ]


def test_json_data_carries_the_text_as_data(hostile: HostileSite) -> None:
    """The proposal filter's JSON holds each title exactly as typed, as a JSON string (the filter
    script writes it with textContent)."""
    rows: dict[str, list[Any]] = {}
    for shard in sorted((hostile.site / "usulan" / "data").glob("*.json")):
        data = json.loads(shard.read_text(encoding="utf-8"))
        rows.update({row[0]: row for row in data.get("baris", [])})
    titles = [item for item in hostile.planted if item.file.startswith("usulan/") and item.field == "judul"]
    assert titles
    for item in titles:
        assert rows[Path(item.file).stem][1] == item.value.strip()


def test_alt_text_is_an_inert_attribute(hostile: HostileSite) -> None:
    """Alt texts reach `alt` attributes of photos exactly as typed, never as markup."""
    alts = [item for item in hostile.planted if item.field.endswith("foto[1].alt")]
    assert alts
    found = {str(img.get("alt")) for page in hostile.pages.values() for img in page.select(".mt-foto img")}
    for item in alts:
        assert item.shown in found, item.file


def test_half_a_surrogate_pair_is_refused(content: Path) -> None:
    """A YAML escape could make a character no UTF-8 file holds (half of a surrogate pair, alone or
    as two escapes for one emoji): the reader refuses it with the file and line, before any build."""
    path = content / PROSE_FILES["rapat"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    place = next(i for i, line in enumerate(lines) if line.startswith("tempat:"))
    for escape in ("\\ud800", "\\U0000dfff", "\\ud83d\\ude00"):
        lines[place] = f'tempat: "Aula {escape} Kelurahan"\n'
        path.write_text("".join(lines), encoding="utf-8")
        _, problems = check_records(content)
        assert [(p.file, p.line) for p in problems] == [(f"content/{PROSE_FILES['rapat']}", place + 1)]
        assert "YAML tidak dapat dibaca" in problems[0].message, problems[0].message


def test_a_summary_group_document_keeps_hostile_text_inert(tmp_path: Path) -> None:
    """A summary bundle's group document (index.py) is made of proposal pages' articles, which hold
    record text escaped, and a title made of region names: nothing in either becomes markup."""
    from generator import index

    payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    page = tmp_path / "usulan" / "u-1" / "index.html"
    page.parent.mkdir(parents=True)
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    page.write_text(
        f'<html><head><title>{escaped}</title></head><body>{index.SEARCHABLE}<h1 id="x">{escaped}</h1>'
        f'<p>{escaped}</p>\n<h2 id="riwayat">Riwayat</h2><p>riwayat</p></article></body></html>',
        encoding="utf-8",
    )
    groups = {"usulan/u-1/": index.Group("18.72.05.1004", 2024, payload)}
    ((address, document),) = list(index._grouped_documents([("usulan/u-1/index.html", page)], groups))
    assert address == "usulan/kelompok/18.72.05.1004/2024/index.html"
    parsed = BeautifulSoup(document, "html.parser")
    assert not parsed.find_all(["script", "img"])
    assert not [tag for tag in parsed.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert parsed.h1.get_text() == payload and parsed.h2.get_text() == payload
    assert parsed.h2["id"] == "u-1" and "riwayat" not in document


def test_a_semua_document_keeps_hostile_text_inert() -> None:
    """The `semua` bundle's documents (index.py) are made of record text itself (titles, places,
    region names): nothing in it becomes markup, and each page's address stays its section's id."""
    from generator import index

    payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;'
    briefs = {
        "wilayah/18.72.05.1004/": index.Brief("18.72.05.1004", payload, payload, region=True),
        "usulan/u-1/": index.Brief("18.72.05.1004", payload, payload),
        "berita/r-1/": index.Brief("18.72.05.1004", payload, payload),
    }
    pages = [(f"{url}index.html", Path("-")) for url in sorted(briefs)]
    ((address, document),) = list(index._brief_documents(pages, briefs))
    assert address == "wilayah/18.72.05.1004/index.html"
    parsed = BeautifulSoup(document, "html.parser")
    assert not parsed.find_all(["script", "img"])
    assert not [tag for tag in parsed.find_all(True) if any(a.startswith("on") for a in tag.attrs)]
    assert parsed.title.get_text() == parsed.h1.get_text() == payload
    assert [h.get_text() for h in parsed.find_all("h2")] == [payload, payload]
    assert [h["id"] for h in parsed.find_all("h2")] == ["berita/r-1/", "usulan/u-1/"]
    assert [p.get_text() for p in parsed.find_all("p")] == [payload] * 3
