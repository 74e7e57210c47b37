"""Open data: a Frictionless Tabular Data Package of every record, and one JSON file per meeting
(shaped like an Open Civic Data Event) and per proposal.

Columns, types, constraints and descriptions come from the record declarations in `model.py` (the
same ones the checks use), so the export and its data dictionary cannot drift from the records.
CSV is UTF-8 without a byte-order mark (the Frictionless default; spreadsheet users open it with
"Data → From Text/CSV"). A free-text cell that starts with =, +, -, @, a tab or a carriage return
gets a leading apostrophe so no spreadsheet runs it as a formula; coded columns never need it.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any

from . import memo, model, regions, vocab
from .catalog import Catalog
from .stats import status

# The licence of the data, unless `extra.lisensi_data` in mkdocs.yml names another (name, path, title).
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False
    constraints: dict[str, Any] = dataclasses.field(default_factory=dict)
    free_text: bool = False  # written by staff in their own words: neutralised against formulas

    def field(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (column, resource, column there)
    records: Callable[[Catalog], Iterable[Any]]  # in the table's order
    rows: Callable[[Any], Iterable[dict[str, Any]]]  # a record's rows: one, or one per list item

    def schema(self) -> dict[str, Any]:
        return {
            "fields": [c.field() for c in self.columns],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [
                {"fields": column, "reference": {"resource": resource, "fields": there}}
                for column, resource, there in self.foreign_keys
            ],
        }


def _columns(cls: type, prefix: str = "", skip: tuple[str, ...] = ()) -> list[Column]:
    """The columns of a record type: one per field; lists of values joined, nested records flattened."""
    found: list[Column] = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if "parser" not in f.metadata or f.name in skip:
            continue
        schema = dict(f.metadata["parser"].table_schema)
        name = prefix + f.name
        if schema["type"] == "object":
            found += _columns(schema["record"], prefix=f"{name}.")
            continue
        if "items" in schema:
            if schema["items"].table_schema["type"] == "object":
                continue  # a table of its own
            schema = {"type": "string"}
            doc = f"{f.metadata['doc']} (beberapa nilai dipisah '; ')"
        else:
            doc = f.metadata["doc"]
        constraints = {k: v for k, v in schema.get("constraints", {}).items() if k != "maxLength"}
        free = schema["type"] == "string" and not constraints and "format" not in schema
        # Required in the records and never empty in the data ("tidak diketahui" becomes empty).
        required = bool(f.metadata["required"]) and not prefix and "None" not in str(f.type)
        found.append(Column(name, schema["type"], doc, required, constraints, free))
    return found


@cache
def _record_fields(record: type) -> tuple[dataclasses.Field[Any], ...]:
    """The fields of a record type that come from its YAML file (they have a parser)."""
    return tuple(f for f in dataclasses.fields(record) if "parser" in f.metadata)


def _values(record: object, prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in _record_fields(type(record)):  # type: ignore[arg-type]  # mypy: a class is hashable
        value = getattr(record, f.name)
        if dataclasses.is_dataclass(value):
            out.update(_values(value, prefix=f"{prefix}{f.name}."))
        elif value is None and f.metadata["parser"].table_schema["type"] == "object":
            for sub in dataclasses.fields(f.metadata["parser"].table_schema["record"]):
                out[f"{prefix}{f.name}.{sub.name}"] = None
        elif isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            continue
        else:
            out[prefix + f.name] = value
    return out


def _child(parent: str, key: str, cls: type) -> list[Column]:
    return [
        Column(parent, "string", f"kode pengenal {parent}", True),
        Column("urutan", "integer", f"urutan dalam daftar {key} (mulai 1)", True, {"minimum": 1}),
        *_columns(cls),
    ]


def _one(extra: Callable[[Any], dict[str, Any]] | None = None) -> Callable[[Any], list[dict[str, Any]]]:
    """A record's row: its values, and `extra` columns made from it."""
    return lambda record: [{**_values(record), **(extra(record) if extra else {})}]


def _items(parent: str, key: str) -> Callable[[Any], list[dict[str, Any]]]:
    """A row per item of a record's list `key`, numbered from 1."""
    return lambda record: [
        {parent: record.id, "urutan": number, **_values(item)}
        for number, item in enumerate(getattr(record, key), start=1)
    ]


def _by_id(records: Iterable[Any]) -> list[Any]:
    return sorted(records, key=attrgetter("id"))


def tables() -> tuple[Table, ...]:
    wilayah_extra = [
        Column(
            "tingkat",
            "string",
            "tingkat wilayah (1 provinsi, 2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa)",
        ),
        Column("induk", "string", "kode wilayah induk"),
        Column(
            "zona_waktu",
            "string",
            "zona waktu menurut provinsi",
            constraints={"enum": ["WIB", "WITA", "WIT"]},
        ),
    ]
    return (
        Table(
            "wilayah",
            "Wilayah",
            (*_columns(model.Wilayah), *wilayah_extra),
            ("kode",),
            (("induk", "", "kode"),),
            lambda c: [r.wilayah for r in c.regions.values()],
            _one(
                lambda w: {
                    "tingkat": regions.TINGKAT[regions.level(w.kode)],
                    "induk": regions.parent(w.kode),
                    "zona_waktu": regions.zona(w.kode),
                }
            ),
        ),
        Table(
            "opd", "OPD", tuple(_columns(model.Opd)), ("id",), (("wilayah", "wilayah", "kode"),),
            lambda c: c.opd.values(), _one(),
        ),
        Table(
            "peserta", "Peserta", tuple(_columns(model.Peserta)), ("id",), (("wilayah", "wilayah", "kode"),),
            lambda c: c.peserta.values(), _one(),
        ),
        Table(
            "seri", "Rangkaian rapat", tuple(_columns(model.Seri)), ("id",),
            (("wilayah", "wilayah", "kode"),),
            lambda c: c.seri.values(), _one(),
        ),
        Table(
            "rapat",
            "Rapat",
            tuple(_columns(model.Rapat)),
            ("id",),
            (("wilayah", "wilayah", "kode"), ("seri", "seri", "id")),
            lambda c: _by_id(c.rapat), _one(),
        ),
        Table(
            "kehadiran",
            "Kehadiran peserta rapat",
            tuple(_child("rapat", "peserta", model.Kehadiran)),
            ("rapat", "urutan"),
            (("rapat", "rapat", "id"), ("peserta", "peserta", "id")),
            lambda c: _by_id(c.rapat), _items("rapat", "peserta"),
        ),
        Table(
            "sumber", "Sumber berita rapat", tuple(_child("rapat", "sumber", model.Sumber)),
            ("rapat", "urutan"),
            (("rapat", "rapat", "id"),),
            lambda c: _by_id(c.rapat), _items("rapat", "sumber"),
        ),
        Table(
            "dokumen", "Dokumen rapat", tuple(_child("rapat", "dokumen", model.Dokumen)), ("rapat", "urutan"),
            (("rapat", "rapat", "id"),),
            lambda c: _by_id(c.rapat), _items("rapat", "dokumen"),
        ),
        Table(
            "usulan",
            "Usulan",
            (
                *_columns(model.Usulan),
                Column("status", "string", "keputusan terakhir (turunan dari riwayat)", True),
                Column("tahap_terakhir", "string", "tahap keputusan terakhir (turunan dari riwayat)", True),
            ),
            ("id",),
            (
                ("wilayah", "wilayah", "kode"),
                ("opd_tujuan_awal", "opd", "id"),
                ("opd_tujuan_akhir", "opd", "id"),
                ("lanjutan_dari", "", "id"),
            ),
            lambda c: _by_id(c.usulan),
            _one(lambda u: {"status": status(u).keputusan, "tahap_terakhir": status(u).tahap}),
        ),
        Table(
            "riwayat",
            "Riwayat status usulan",
            tuple(_child("usulan", "riwayat", model.Riwayat)),
            ("usulan", "urutan"),
            (("usulan", "usulan", "id"), ("rapat", "rapat", "id")),
            lambda c: _by_id(c.usulan), _items("usulan", "riwayat"),
        ),
    )  # fmt: skip


def cell(value: Any, column: Column) -> str:
    """One CSV cell: plain ISO forms, lists joined, free text neutralised against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    if column.free_text and text.startswith(FORMULA_START):
        return "'" + text
    return text


def _csv(table: Table, catalog: Catalog, lines: Lines | None = None) -> str:
    """A table as CSV. With `lines` (see `package`), each record's lines are taken from the last
    build's when a record with the same fingerprint (memo.py: every field) made them, and put in it:
    a record's rows are made of the record alone."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    prints = memo.Fingerprints()
    for record in table.records(catalog):
        if lines is None:
            for row in table.rows(record):
                writer.writerow([cell(row.get(c.name), c) for c in table.columns])
            continue
        try:
            key: tuple[str, str] | None = (table.name, prints.of(record))
        except memo.Opaque:
            key = None
        found = _LINES.get(key) if key else None
        if found is None:
            own = io.StringIO()
            own_writer = csv.writer(own, lineterminator="\r\n")
            for row in table.rows(record):
                own_writer.writerow([cell(row.get(c.name), c) for c in table.columns])
            found = own.getvalue()
        out.write(found)
        if key:
            lines[key] = found
    return out.getvalue()


# A record's CSV lines by table and the record's fingerprint, kept by `package(remember=True)` for the
# next build (in this process, for `musrenbang serve`; kept.py keeps them for `musrenbang build`).
Lines = dict[tuple[str, str], str]
_LINES: Lines = {}


def kept_lines() -> Lines:
    """The lines this process's last build made or kept, for `kept.py`."""
    return dict(_LINES)


def restore_lines(saved: Lines) -> None:
    """Take the lines an earlier process kept (kept.py), unless this one has its own."""
    if not _LINES:
        _LINES.update(saved)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _compact(value: object) -> str:
    """A record's JSON file on one line: json's C encoder writes no indented JSON, and the Python one
    took a city's build 0.55 s for its 4,400 record files (browsers show JSON indented anyway)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def package(
    catalog: Catalog, data_date: dt.date | None, license: dict[str, str] = LICENSE, remember: bool = False
) -> dict[str, str]:
    """`data/datapackage.json` and its CSV files, keyed by site path. With `remember`, each record's
    lines are kept for the next build, and taken from the last where the record is the same (a
    city's are a few megabytes; the memo's limit applies, see render.py)."""
    global _LINES
    files: dict[str, str] = {}
    resources = []
    lines: Lines | None = {} if remember else None
    for table in tables():
        text = _csv(table, catalog, lines)
        raw = text.encode("utf-8")
        files[f"data/{table.name}.csv"] = text
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(raw),
                "hash": "sha256:" + hashlib.sha256(raw).hexdigest(),
                "schema": table.schema(),
            }
        )
    files["data/datapackage.json"] = _dump(
        {
            "profile": "tabular-data-package",
            "name": "musrenbang-terbuka",
            "title": "Data Musrenbang Terbuka",
            "description": "Rapat musrenbang, peserta, usulan warga dan riwayat statusnya.",
            "licenses": [license],
            "created": f"{data_date.isoformat()}T00:00:00Z" if data_date else None,
            "resources": resources,
        }
    )
    _LINES = lines or {}
    return files


def _iso_start(catalog: Catalog, rapat: model.Rapat) -> str:
    """The start in the meeting's own zone with its offset ("2023-02-01T13:00:00+07:00"), or the date."""
    if rapat.mulai is None:
        return rapat.tanggal.isoformat()
    offset = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}[catalog.zona(rapat)]
    return f"{rapat.tanggal.isoformat()}T{rapat.mulai:%H:%M}:00{offset}"


def event(catalog: Catalog, rapat: model.Rapat) -> dict[str, Any]:
    """A meeting shaped like an Open Civic Data Event."""
    offset = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}[catalog.zona(rapat)]
    end = rapat.selesai if isinstance(rapat.selesai, dt.time) else None
    decided = catalog.decisions.get(rapat.id, ())
    agenda: list[dict[str, Any]] = [
        {"description": item, "order": str(n), "related_entities": []}
        for n, item in enumerate(rapat.agenda, 1)
    ]
    if decided:
        agenda.append(
            {
                "description": "Usulan yang dibahas",
                "order": str(len(agenda) + 1),
                "related_entities": [
                    {"entity_type": "usulan", "entity_id": d.usulan.id, "name": d.usulan.judul,
                     "note": d.riwayat.keputusan}
                    for d in decided
                ],
            }
        )  # fmt: skip
    return {
        "_type": "event",
        "id": f"rapat/{rapat.id}",
        "name": catalog.judul(rapat),
        "description": rapat.isi or "",
        "classification": rapat.jenis,
        "start_date": _iso_start(catalog, rapat),
        "end_date": f"{rapat.tanggal.isoformat()}T{end:%H:%M}:00{offset}" if end else None,
        "all_day": rapat.mulai is None,
        "timezone": vocab.ZONA_WAKTU[catalog.zona(rapat)],
        "status": "passed",
        "location": {
            "name": rapat.tempat or "",
            "note": ", ".join(r.label for r in catalog.region_path(rapat.wilayah)),
            "wilayah": rapat.wilayah,
        },
        "participants": [
            {
                "entity_type": "organization" if catalog.peserta[h.peserta].kelompok else "person",
                "entity_id": f"peserta/{h.peserta}",
                "name": catalog.peserta[h.peserta].jabatan,
                "note": h.keterangan or "",
                "jumlah": h.jumlah,
            }
            for h in rapat.peserta
        ],
        "agenda": agenda,
        "keputusan": list(rapat.keputusan),
        "documents": [
            {"note": d.jenis, "title": d.judul, "links": [{"url": d.url or d.berkas, "media_type": ""}]}
            for d in rapat.dokumen
        ],
        "media": [],
        "sources": [{"url": s.url or "", "note": s.judul} for s in rapat.sumber],
        "tahun_rencana": rapat.tahun_rencana,
        "contoh": rapat.contoh,
    }  # fmt: skip


def _plain(value: Any) -> Any:
    if value is None or type(value) in (str, int, bool):
        return value
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in _record_fields(type(value))}
    return value


def proposal(catalog: Catalog, usulan: model.Usulan) -> dict[str, Any]:
    """A proposal with every field and its full history, plus its current status."""
    return {**_plain(usulan), "status": status(usulan).keputusan, "tahap_terakhir": status(usulan).tahap}


def record_files(catalog: Catalog) -> dict[str, str]:
    return {path: function(catalog, record) for path, function, record in record_makers(catalog)}


def record_makers(catalog: Catalog) -> Iterator[tuple[str, Callable[[Catalog, Any], str], Any]]:
    """Each record's JSON file: its site path, how it is made and from which record."""
    for r in catalog.rapat:
        yield f"data/rapat/{r.id}.json", _event_file, r
    for u in catalog.usulan:
        yield f"data/usulan/{u.id}.json", _proposal_file, u


def _event_file(catalog: Catalog, rapat: model.Rapat) -> str:
    return _compact(event(catalog, rapat))


def _proposal_file(catalog: Catalog, usulan: model.Usulan) -> str:
    return _compact(proposal(catalog, usulan))


def json_ld(catalog: Catalog, rapat: model.Rapat) -> dict[str, Any]:
    """schema.org Event for a meeting post, organised by the government of its region."""
    path = catalog.region_path(rapat.wilayah)
    province = path[-1].wilayah.nama if path else ""
    place: dict[str, Any] = {
        "@type": "Place",
        "name": rapat.tempat or path[0].label,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": path[0].label,
            "addressRegion": province,
            "addressCountry": "ID",
        },
    }
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": catalog.judul(rapat),
        "startDate": _iso_start(catalog, rapat),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "inLanguage": "id",
        "location": place,
        "organizer": {"@type": "GovernmentOrganization", "name": f"Pemerintah {path[0].label}"},
    }
    if isinstance(rapat.selesai, dt.time):
        offset = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}[catalog.zona(rapat)]
        found["endDate"] = f"{rapat.tanggal.isoformat()}T{rapat.selesai:%H:%M}:00{offset}"
    return found
