"""Check: the rules that span fields and records: ids, references, regions, dates, privacy.

Field-level rules (types, dates that exist, unknown keys) ran while loading. Everything here returns
problems; nothing raises, nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import photos, regions, schema, vocab
from .fields import Origin
from .history import history, stated_totals
from .load import Records
from .model import HARI, KINDS
from .privacy import privacy
from .problems import Problem, shown


def check(records: Records, content: Path) -> list[Problem]:
    problems: list[Problem] = []
    for rule in (
        _duplicates,
        _reserved,
        _kode_sipd,
        _file_names,
        _wilayah,
        _references,
        _peserta,
        _rapat,
        _usulan,
        history,
        stated_totals,
    ):
        problems.extend(rule(records))
    problems.extend(_documents(records, content))
    problems.extend(privacy(records))
    problems.extend(schema.folder_problems(content))
    return problems


def _key(record: object) -> str:
    return getattr(record, "id", None) or record.kode  # type: ignore[attr-defined]


def _all(records: Records) -> Iterator[tuple[str, object]]:
    for kind in KINDS:
        for record in getattr(records, kind):
            yield kind, record


def _duplicates(records: Records) -> Iterator[Problem]:
    for kind in KINDS:
        seen: dict[str, object] = {}
        for record in getattr(records, kind):
            key = _key(record)
            field = "kode" if kind == "wilayah" else "id"
            if key in seen:
                first = seen[key].asal  # type: ignore[attr-defined]
                yield record.asal.problem(
                    field,
                    f"{field} ganda: {key!r} sudah dipakai di {first.file}:{first.line(field)}",
                    f"setiap catatan {kind} memerlukan {field} sendiri; ganti salah satunya",
                )
            else:
                seen[key] = record


# Page names the site uses itself in the folder of each kind's pages: a record with such an id would
# take the place of the news index or a list of proposals.
RESERVED = {
    "rapat": ("berita", {"index", "page", "archive", "category"}),
    "usulan": ("usulan", {"index", "daftar", "data"}),
    "seri": ("seri", {"index"}),
}


def _reserved(records: Records) -> Iterator[Problem]:
    for kind, (folder, names) in RESERVED.items():
        for record in getattr(records, kind):
            if record.id in names:
                yield record.asal.problem(
                    "id",
                    f"diharapkan id yang bukan nama halaman situs sendiri, ditemukan {record.id!r} "
                    f"(dipakai untuk {folder}/{record.id}/)",
                    f"ganti id dan nama berkasnya, misalnya menjadi {kind}-{record.id}",
                )


def _kode_sipd(records: Records) -> Iterator[Problem]:
    """One record per SIPD proposal: the importer finds a record again by this id."""
    seen: dict[str, Origin] = {}
    for u in records.usulan:
        if u.kode_sipd is None:
            continue
        first = seen.setdefault(u.kode_sipd, u.asal)  # type: ignore[arg-type]
        if first is not u.asal:
            yield u.asal.problem(  # type: ignore[union-attr]
                "kode_sipd",
                f"kode_sipd ganda: {u.kode_sipd!r} sudah dipakai di {first.file}:{first.line('kode_sipd')}",
                "satu usulan SIPD dicatat dalam satu berkas; gabungkan kedua catatan, hapus salah satunya",
            )


def _file_names(records: Records) -> Iterator[Problem]:
    for kind, record in _all(records):
        key = _key(record)
        stem = Path(record.asal.file).stem  # type: ignore[attr-defined]
        if stem != key:
            field = "kode" if kind == "wilayah" else "id"
            yield record.asal.problem(  # type: ignore[attr-defined]
                field,
                f"nama berkas {stem!r} berbeda dengan {field} {key!r}",
                f"ganti nama berkas menjadi {key}.yaml agar mudah dicari",
                warning=True,
            )
    for rapat in records.rapat:
        folder = Path(rapat.asal.file).parent.name  # type: ignore[union-attr]
        if folder.isdigit() and int(folder) != rapat.tanggal.year:
            yield rapat.asal.problem(  # type: ignore[union-attr]
                "tanggal",
                f"rapat tahun {rapat.tanggal.year} tersimpan di folder {folder}",
                f"pindahkan berkas ke folder rapat/{rapat.tanggal.year}/",
                warning=True,
            )


def _wilayah(records: Records) -> Iterator[Problem]:
    codes = {w.kode for w in records.wilayah}
    for w in records.wilayah:
        found = regions.official(w.kode)
        if found is None:
            yield w.asal.problem(  # type: ignore[union-attr]
                "kode",
                f"diharapkan kode wilayah Kemendagri yang terdaftar, ditemukan {w.kode!r}",
                "periksa kode pada daftar kode wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025)",
            )
            continue
        if not regions.same_name(w.nama, found.nama):
            yield w.asal.problem(  # type: ignore[union-attr]
                "nama",
                f"diharapkan nama {found.nama!r} untuk kode {w.kode}, ditemukan {w.nama!r}",
                "tulis nama resmi di `nama`; nama sehari-hari boleh di `nama_lain`",
            )
        up = regions.parent(w.kode)
        if up and up not in codes and up not in records.unparsed_ids:
            yield w.asal.problem(  # type: ignore[union-attr]
                "kode",
                f"wilayah induk {up!r} belum dicatat",
                f"buat berkas content/wilayah/{up}.yaml untuk wilayah induknya",
            )


def _reference(
    record: object, path: str, value: str | None, targets: set[str], unparsed: frozenset[str], kind: str
) -> Iterator[Problem]:
    if value is None or value in targets or value in unparsed:
        return
    yield record.asal.problem(  # type: ignore[attr-defined]
        path,
        f"diharapkan {kind} yang tercatat, ditemukan {value!r} yang tidak ada",
        f"periksa ejaan, atau buat catatan {kind} {value!r} di content/{kind}/",
    )


def _references(records: Records) -> Iterator[Problem]:
    unparsed = records.unparsed_ids
    wilayah = {w.kode for w in records.wilayah}
    peserta = {p.id for p in records.peserta}
    seri = {s.id for s in records.seri}
    rapat = {r.id for r in records.rapat}
    opd = {o.id for o in records.opd}
    usulan = {u.id for u in records.usulan}
    for o in records.opd:
        yield from _reference(o, "wilayah", o.wilayah, wilayah, unparsed, "wilayah")
    for p in records.peserta:
        yield from _reference(p, "wilayah", p.wilayah, wilayah, unparsed, "wilayah")
    for s in records.seri:
        yield from _reference(s, "wilayah", s.wilayah, wilayah, unparsed, "wilayah")
    for r in records.rapat:
        yield from _reference(r, "wilayah", r.wilayah, wilayah, unparsed, "wilayah")
        yield from _reference(r, "seri", r.seri, seri, unparsed, "seri")
        for number, hadir in enumerate(r.peserta, start=1):
            yield from _reference(
                r, f"peserta[{number}].peserta", hadir.peserta, peserta, unparsed, "peserta"
            )
    for u in records.usulan:
        yield from _reference(u, "wilayah", u.wilayah, wilayah, unparsed, "wilayah")
        yield from _reference(u, "opd_tujuan_awal", u.opd_tujuan_awal, opd, unparsed, "opd")
        yield from _reference(u, "opd_tujuan_akhir", u.opd_tujuan_akhir, opd, unparsed, "opd")
        yield from _reference(u, "lanjutan_dari", u.lanjutan_dari, usulan, unparsed, "usulan")
        for number, step in enumerate(u.riwayat, start=1):
            yield from _reference(u, f"riwayat[{number}].rapat", step.rapat, rapat, unparsed, "rapat")


def _peserta(records: Records) -> Iterator[Problem]:
    for p in records.peserta:
        if p.nama and p.kelompok:
            yield p.asal.problem(  # type: ignore[union-attr]
                "nama",
                "peserta kelompok tidak memakai nama orang",
                "hapus `nama`, atau buat peserta tersendiri untuk orang ini",
            )
        if p.nama and p.warga and not p.setuju_nama_dipublikasikan:
            yield p.asal.problem(  # type: ignore[union-attr]
                "nama",
                "nama warga biasa tidak boleh dimuat tanpa persetujuannya",
                "hapus `nama` dan sebut perannya saja, atau tulis `setuju_nama_dipublikasikan: ya` "
                "bila warga tersebut sudah setuju (UU 27/2022 Pelindungan Data Pribadi)",
            )


def _rapat(records: Records) -> Iterator[Problem]:
    seri = {s.id: s for s in records.seri}
    peserta = {p.id: p for p in records.peserta}
    wilayah = {w.kode for w in records.wilayah}
    for r in records.rapat:
        where = r.asal
        assert where is not None
        if r.zona_waktu and r.wilayah in wilayah and r.zona_waktu != regions.zona(r.wilayah):
            yield where.problem(
                "zona_waktu",
                f"diharapkan {regions.zona(r.wilayah)} untuk wilayah {r.wilayah}, ditemukan {r.zona_waktu}",
                "zona waktu mengikuti provinsi; hapus baris ini atau perbaiki",
            )
        weekday = HARI[r.tanggal.weekday()]
        if r.hari and r.hari != weekday:
            yield where.problem(
                "hari",
                f"diharapkan {weekday} untuk tanggal {r.tanggal:%Y-%m-%d}, ditemukan {r.hari}",
                "nama hari dan tanggal tidak cocok; periksa keduanya pada undangan atau berita acara",
            )
        if isinstance(r.mulai, dt.time) and isinstance(r.selesai, dt.time) and r.selesai <= r.mulai:
            yield where.problem(
                "selesai",
                f"diharapkan jam selesai sesudah jam mulai {r.mulai:%H.%M}, ditemukan {r.selesai:%H.%M}",
                "periksa kedua jam; rapat yang melewati tengah malam ditulis `selesai: selesai`",
            )
        if r.tahun_rencana < r.tanggal.year:
            yield where.problem(
                "tahun_rencana",
                f"diharapkan tahun {r.tanggal.year} atau sesudahnya, ditemukan {r.tahun_rencana}",
                "rapat tahun N merencanakan pembangunan tahun N+1",
            )
        if r.seri in seri and seri[r.seri].tahun_rencana != r.tahun_rencana:
            yield where.problem(
                "tahun_rencana",
                f"diharapkan {seri[r.seri].tahun_rencana} seperti seri {r.seri!r}, "
                f"ditemukan {r.tahun_rencana}",
                "rapat dalam satu seri merencanakan tahun yang sama",
            )
        counted = sum(h.jumlah or 1 for h in r.peserta)
        if r.jumlah_peserta is not None and r.jumlah_peserta < counted:
            yield where.problem(
                "jumlah_peserta",
                f"diharapkan paling sedikit {counted} (jumlah dari daftar peserta), "
                f"ditemukan {r.jumlah_peserta}",
                "jumlah seluruh peserta tidak boleh kurang dari jumlah yang dirinci",
            )
        seen: dict[str, int] = {}
        for number, hadir in enumerate(r.peserta, start=1):
            if hadir.peserta in seen:
                yield where.problem(
                    f"peserta[{number}].peserta",
                    f"peserta {hadir.peserta!r} sudah tercantum sebagai peserta[{seen[hadir.peserta]}]",
                    "hapus salah satunya; untuk kelompok tulis `jumlah`",
                )
            seen.setdefault(hadir.peserta, number)
            who = peserta.get(hadir.peserta)
            if who and hadir.jumlah and hadir.jumlah > 1 and not who.kelompok:
                yield where.problem(
                    f"peserta[{number}].jumlah",
                    f"diharapkan 1 untuk peserta perorangan {who.id!r}, ditemukan {hadir.jumlah}",
                    "jumlah hanya untuk peserta kelompok (`kelompok: ya`)",
                )
        for number, doc in enumerate(r.dokumen, start=1):
            if not doc.url and not doc.berkas:
                yield where.problem(
                    f"dokumen[{number}]",
                    "diharapkan `url` atau `berkas`, ditemukan keduanya kosong",
                    "tulis alamat web dokumen, atau jalur berkasnya di folder content/dokumen/",
                )


def _usulan(records: Records) -> Iterator[Problem]:
    rapat = {r.id: r for r in records.rapat}
    for u in records.usulan:
        where = u.asal
        assert where is not None
        if regions.level(u.wilayah) != 4:
            yield where.problem(
                "wilayah",
                f"diharapkan kode kelurahan/desa (4 bagian), ditemukan {u.wilayah!r}",
                'contoh: "18.72.05.1004"',
            )
        previous: dt.date | None = None
        for number, step in enumerate(u.riwayat, start=1):
            path = f"riwayat[{number}]"
            if previous and step.tanggal < previous:
                yield where.problem(
                    f"{path}.tanggal",
                    f"diharapkan tanggal {previous:%Y-%m-%d} atau sesudahnya, "
                    f"ditemukan {step.tanggal:%Y-%m-%d}",
                    "riwayat ditulis berurutan dari yang paling lama",
                )
            previous = step.tanggal
            if step.keputusan in vocab.KEPUTUSAN_BERALASAN and not step.alasan:
                yield where.problem(
                    f"{path}.alasan",
                    f"alasan wajib diisi untuk keputusan {step.keputusan!r}",
                    "tulis alasannya, contoh: tidak masuk prioritas",
                )
            meeting = rapat.get(step.rapat or "")
            if meeting and meeting.tanggal != step.tanggal:
                yield where.problem(
                    f"{path}.tanggal",
                    f"diharapkan {meeting.tanggal:%Y-%m-%d} (tanggal rapat {meeting.id!r}), "
                    f"ditemukan {step.tanggal:%Y-%m-%d}",
                    "tanggal keputusan sama dengan tanggal rapat yang memutuskannya",
                )


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_PHOTO_BYTES = 30 * 1024 * 1024


def _file_references(records: Records) -> Iterator[tuple[Origin, str, str, bool]]:
    """(where, key path, berkas, is a photo) for every file a record points at."""
    for r in records.rapat:
        assert r.asal is not None
        for number, doc in enumerate(r.dokumen, start=1):
            if doc.berkas:
                yield r.asal, f"dokumen[{number}].berkas", doc.berkas, False
        for number, foto in enumerate(r.foto, start=1):
            yield r.asal, f"foto[{number}].berkas", foto.berkas, True
    for u in records.usulan:
        assert u.asal is not None
        for number, foto in enumerate(u.foto, start=1):
            yield u.asal, f"foto[{number}].berkas", foto.berkas, True


def _documents(records: Records, content: Path) -> Iterable[Problem]:
    """Files that records point at stay inside the content folder (no `..`, no absolute path, no
    link pointing out), exist with exactly that spelling, are not too large, are real images when
    they are photos, and cannot collide in the output of a host that ignores letter case."""
    root = content.resolve()
    seen: dict[str, str] = {}
    for where, path, berkas, photo in _file_references(records):
        target = (content / berkas).resolve()
        if not target.is_relative_to(root) or ".." in Path(berkas).parts:
            yield where.problem(
                path,
                f"diharapkan jalur di dalam folder content, ditemukan {shown(berkas)}",
                "simpan berkas di content/dokumen/ atau content/foto/ dan tulis jalurnya tanpa ..",
            )
            continue
        if not target.is_file():
            folder = target.parent
            same = (
                [p.name for p in folder.iterdir() if p.name.casefold() == target.name.casefold()]
                if folder.is_dir()
                else []
            )
            hint = (
                f"huruf besar-kecil berbeda: berkasnya bernama {same[0]!r}"
                if same
                else "periksa ejaan dan huruf besar-kecil nama berkas"
            )
            yield where.problem(path, f"berkas {shown(berkas)} tidak ditemukan", hint)
            continue
        size, limit = target.stat().st_size, MAX_PHOTO_BYTES if photo else MAX_DOCUMENT_BYTES
        if size > limit:
            yield where.problem(
                path,
                f"diharapkan berkas paling besar {limit // 2**20} MB, ditemukan {size / 2**20:.1f} MB",
                "perkecil berkas (misalnya simpan ulang dengan ukuran lebih kecil)",
            )
            continue
        if photo:
            try:
                photos.inspect(target)
            except photos.PhotoError as error:
                yield where.problem(
                    path, error.reason, "simpan ulang foto sebagai JPEG dari ponsel atau kamera"
                )
                continue
        folded = berkas.casefold()
        if folded in seen and seen[folded] != berkas:
            yield where.problem(
                path,
                f"berkas {shown(berkas)} dan {shown(seen[folded])} hanya berbeda huruf besar-kecil",
                "ganti nama salah satu berkas; di banyak server keduanya menjadi berkas yang sama",
            )
        seen.setdefault(folded, berkas)
