"""`musrenbang impor`: a realistic SIPD export made here with openpyxl (title rows, odd headers in
another order, dirty values, a blank row, a total row and two bad rows), a semicolon CSV with a city's
own headers, exact CLI output, idempotent re-import and updates that keep what staff added by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import cleaning, columns, impor, sheets, yamlread, yamlwrite
from generator.build import check_records
from generator.catalog import build_catalog
from generator.cli import main
from generator.fields import Context, record
from generator.model import Riwayat, Usulan
from generator.render import render
from tests.conftest import CONTENT

# SIPD's columns, shuffled, in the case and spacing real exports have, with one column we do not know.
HEADERS = [
    "No", "ID  USULAN", "usulan", "Permasalahan ", "Tanggal_Usul", "Kelurahan", "Kecamatan",
    "Kabupaten/Kota", "ALAMAT", "Pengusul", "Profil", "Koefisien", "Anggaran (Rp)", "Opd Tujuan Awal",
    "OPD Tujuan Akhir", "Rekomendasi Kelurahan", "Rekomendasi Kecamatan", "Rekomendasi SKPD",
    "Rekomendasi TAPD", "Rekomendasi Mitra", "Status", "Catatan", "Usulan Ke", "Jenis Belanja",
    "Sub Kegiatan", "Foto Lokasi",
]  # fmt: skip
SERIAL_16_JAN_2024 = (dt.date(2024, 1, 16) - dt.date(1899, 12, 30)).days


def _row(values: dict[str, object]) -> list[object]:
    """A sheet row from {header: value}; Kabupaten/Kota, Profil and Usulan Ke as SIPD fills them."""
    base = {"Kabupaten/Kota": "Kota Metro", "Profil": "Masyarakat", "Usulan Ke": "Kecamatan", **values}
    assert set(base) <= set(HEADERS), set(base) - set(HEADERS)
    return [base.get(h) for h in HEADERS]


def _rows() -> list[list[object]]:
    """Data rows in sheet order: sheet rows 5 to 11."""
    return [
        _row(
            {
                "No": 1,
                "ID  USULAN": 240101,
                "usulan": "Pembangunan drainase lingkungan RT 008",
                "Permasalahan ": "Genangan air di jalan lingkungan setiap hujan deras",
                "Tanggal_Usul": "15/01/2024",
                "Kelurahan": "Sumbersari",
                "Kecamatan": "Metro Selatan",
                "ALAMAT": "Jl. Mawar RT 08 RW 02 (-5.1627, 105.3094)",
                "Pengusul": "Ketua RT 008 RW 002",
                "Koefisien": "120 Meter",
                "Anggaran (Rp)": "Rp. 86.919.619,-",
                "Opd Tujuan Awal": "Dinas Pekerjaan Umum dan Penataan Ruang",
                "Rekomendasi Kelurahan": "Diterima",
                "Rekomendasi Kecamatan": "Diterima",
                "Status": "DITERIMA",
                "Jenis Belanja": "Belanja Modal",
                "Sub Kegiatan": "1.03.10.2.01.0001 Pembangunan Saluran Drainase",
            }
        ),
        _row(
            {
                "No": 2,
                "ID  USULAN": 240102,
                "usulan": "Pelatihan menjahit bagi ibu-ibu PKK",
                "Permasalahan ": "Banyak ibu rumah tangga belum memiliki keterampilan usaha",
                "Tanggal_Usul": SERIAL_16_JAN_2024,
                "Kelurahan": "Margorejo",
                "ALAMAT": "Balai RW 004, Lat: -5.1438 Long: 105.3112",
                "Pengusul": "Ketua TP-PKK Kelurahan Margorejo",
                "Koefisien": "35 Orang",
                "Anggaran (Rp)": 25000000,
                "Opd Tujuan Awal": "Dinas Koperasi UKM",
                "Rekomendasi Kelurahan": "Diterima",
                "Rekomendasi Kecamatan": "Ditolak - tidak masuk prioritas",
                "Status": "Tidak Diakomodir",
                "Jenis Belanja": "Belanja Barang dan Jasa",
            }
        ),
        _row(
            {
                "No": 3,
                "ID  USULAN": "240103",
                "usulan": "Pengadaan tempat sampah terpilah",
                "Permasalahan ": "Sampah pasar bercampur dan menumpuk",
                "Tanggal_Usul": dt.datetime(2024, 1, 17, 9, 30),
                "Kelurahan": "MARGODADI",
                "Kecamatan": "metro  selatan",
                "ALAMAT": "Pasar Margodadi",
                "Pengusul": "Ketua RW 003",
                "Koefisien": "10 Unit",
                "Anggaran (Rp)": "Rp 15.000.000,00",
                "Opd Tujuan Awal": "DLH",
                "Rekomendasi Kelurahan": "Setuju",
                "Status": "Draft",
            }
        ),
        [None] * len(HEADERS),
        _row(
            {
                "No": 5,
                "ID  USULAN": 240104,
                "usulan": "Penerangan jalan lingkungan",
                "Permasalahan ": "Jalan gelap pada malam hari",
                "Tanggal_Usul": "18/01/2024",
                "Kelurahan": "Sumber Sari Baru",
                "ALAMAT": "Jl. Melati",
                "Koefisien": "4 Titik",
                "Anggaran (Rp)": "Rp 12.000.000",
                "Opd Tujuan Awal": "DPUPR",
            }
        ),
        _row(
            {
                "No": 6,
                "ID  USULAN": 240105,
                "usulan": "Makanan tambahan posyandu",
                "Permasalahan ": "Balita belum rutin ditimbang",
                "Tanggal_Usul": "19-01-2024",
                "Kelurahan": "Rejomulyo",
                "ALAMAT": "Posyandu Mawar RW 01",
                "Koefisien": "1 Paket",
                "Anggaran (Rp)": "lima belas juta",
                "Opd Tujuan Awal": "Dinkes",
            }
        ),
        _row({"No": "JUMLAH", "Anggaran (Rp)": 126919619}),
    ]


def _sipd_sheet(path: Path, rows: list[list[object]] | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Usulan Musrenbang"
    sheet.append(["DAFTAR USULAN MUSRENBANG KELURAHAN SE-KECAMATAN METRO SELATAN"])
    sheet.merge_cells("A1:H1")
    sheet.append(["Tahun Rencana 2025 — ekspor SIPD"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in _rows() if rows is None else rows:
        sheet.append(row)
    book.save(path)
    return path


def _impor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["impor", *args])
    return code, capsys.readouterr().out


def _files(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*.yaml"))}


ARGS = ("--tahun", "2025", "--tanggal", "2024-01-31")

HEAD = """\
Membaca usulan-sipd.xlsx, lembar 'Usulan Musrenbang': judul kolom di baris 4, 5 baris usulan.
Kolom tidak dikenal, diabaikan: 'Foto Lokasi'
Kolom dikenali tetapi tidak disimpan: 'No', 'Kabupaten/Kota', 'Rekomendasi Mitra', 'Usulan Ke'
"""
PLAN = """\
baris 5: buat content/usulan/2024/2025-sumbersari-bantul-sipd-240101.yaml
    ditebak: jenis fisik, bidang fisik-prasarana, urusan 1.03 (periksa di berkasnya)
baris 6: buat content/usulan/2024/2025-margorejo-sipd-240102.yaml
    ditebak: jenis non-fisik, bidang ekonomi, urusan 2.17 (periksa di berkasnya)
baris 7: buat content/usulan/2024/2025-margodadi-sipd-240103.yaml
    ditebak: jenis barang, bidang sosial-budaya, urusan 2.11 (periksa di berkasnya)
baris 8: dilewati: baris kosong
baris 9: ditolak: Kelurahan: diharapkan nama kelurahan/desa di content/wilayah, ditemukan 'Sumber Sari Baru'
    petunjuk: mungkin maksudnya 'Sumbersari Bantul'? periksa ejaan, atau tambahkan nama ini ke `nama_lain` \
pada berkas content/wilayah/ kelurahan itu (buat berkasnya bila belum ada)
baris 10: ditolak: Anggaran (Rp): diharapkan jumlah rupiah, ditemukan 'lima belas juta'
    petunjuk: contoh: "Rp 86.919.619" atau 86919619
baris 11: dilewati: bukan baris usulan (ID Usulan dan Usulan kosong): 'JUMLAH'
"""
COUNTS = "3 dibuat, 0 diperbarui, 0 tidak berubah, 2 ditolak, 2 dilewati"

DRAINASE = """\
# Diimpor dari usulan-sipd.xlsx, lembar 'Usulan Musrenbang' dengan `musrenbang impor`.
# Kolom yang berasal dari lembar ditimpa pada impor berikutnya; kolom lain tetap.
id: 2025-sumbersari-bantul-sipd-240101
kode_sipd: "240101"
judul: Pembangunan drainase lingkungan RT 008
permasalahan: Genangan air di jalan lingkungan setiap hujan deras
wilayah: "18.72.05.1003"
rt: "008"
rw: "002"
alamat: Jl. Mawar RT 08 RW 02
koordinat: "-5.1627, 105.3094"
jenis: fisik
bidang: fisik-prasarana
urusan: "1.03"
opd_tujuan_awal: dpupr-metro
volume: 120
satuan: meter
perkiraan_biaya: 86919619
tahun_rencana: 2025
pengusul: Ketua RT 008 RW 002
riwayat:
  - tahap: rembug-warga
    tanggal: 2024-01-15
    keputusan: diusulkan
  - tahap: musrenbang-kelurahan
    tanggal: 2024-01-31
    keputusan: diterima
  - tahap: musrenbang-kecamatan
    tanggal: 2024-01-31
    keputusan: diterima
"""


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return _sipd_sheet(tmp_path / "usulan-sipd.xlsx")


def test_dry_run_reports_every_row_and_writes_nothing(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    before = _files(content)
    code, out = _impor(capsys, str(sheet), *ARGS, "--coba")
    assert out == HEAD + PLAN + f"Uji coba: {COUNTS}. Tidak ada berkas yang ditulis (--coba).\n"
    assert code == 1
    assert _files(content) == before


def test_refused_rows_stop_the_import_unless_told(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    before = _files(content)
    code, out = _impor(capsys, str(sheet), *ARGS)
    assert out == HEAD + PLAN + (
        f"Rencana: {COUNTS}.\n"
        "Tidak ada berkas yang ditulis: perbaiki baris yang ditolak lalu impor lagi, "
        "atau tulis baris yang baik saja dengan --lewati-yang-ditolak.\n"
    )
    assert code == 1
    assert _files(content) == before


def test_import_then_reimport_changes_nothing(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    code, out = _impor(capsys, str(sheet), *ARGS, "--lewati-yang-ditolak")
    assert out == HEAD + PLAN + f"Selesai: {COUNTS}; 3 berkas ditulis.\n"
    assert code == 1  # rows were refused, even though the good ones were written
    _, problems = check_records(content)
    assert [p.format() for p in problems] == []
    drainase = content / "usulan/2024/2025-sumbersari-bantul-sipd-240101.yaml"
    assert drainase.read_text(encoding="utf-8") == DRAINASE
    written = _files(content)
    stamps = {p: p.stat().st_mtime_ns for p in (content / "usulan" / "2024").glob("2025-*.yaml")}

    # The same sheet again, renamed and with a later data date: nothing changes, not even a timestamp.
    renamed = sheet.rename(sheet.with_name("ekspor-ulang.xlsx"))
    code, out = _impor(
        capsys, str(renamed), "--tahun", "2025", "--tanggal", "2024-02-20", "--lewati-yang-ditolak"
    )
    assert out.splitlines()[3:6] == [
        "baris 5: tidak berubah content/usulan/2024/2025-sumbersari-bantul-sipd-240101.yaml",
        "baris 6: tidak berubah content/usulan/2024/2025-margorejo-sipd-240102.yaml",
        "baris 7: tidak berubah content/usulan/2024/2025-margodadi-sipd-240103.yaml",
    ]
    assert out.splitlines()[-1] == (
        "Selesai: 0 dibuat, 0 diperbarui, 3 tidak berubah, 2 ditolak, 2 dilewati; 0 berkas ditulis."
    )
    assert code == 1
    assert _files(content) == written
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_updated_sheet_updates_the_record_and_keeps_what_staff_added(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    assert _impor(capsys, str(sheet), *ARGS, "--lewati-yang-ditolak")[0] == 1
    drainase = content / "usulan/2024/2025-sumbersari-bantul-sipd-240101.yaml"
    # Staff correct a guess and add what the sheet has no column for.
    text = drainase.read_text(encoding="utf-8").replace('urusan: "1.03"', 'urusan: "1.04"')
    drainase.write_text(text.replace("tahun_rencana: 2025\n", "tahun_rencana: 2025\nprioritas: 1\n"))
    # The next export: the cost was revised, the Forum OPD accepted it, the bad rows were fixed.
    rows = _rows()
    rows[0][HEADERS.index("Anggaran (Rp)")] = "Rp 90.500.000"
    rows[0][HEADERS.index("Rekomendasi SKPD")] = "Diterima"
    rows[4][HEADERS.index("Kelurahan")] = "Sumbersari"
    rows[5][HEADERS.index("Anggaran (Rp)")] = "Rp 15.000.000"
    _sipd_sheet(sheet, rows)
    code, out = _impor(capsys, str(sheet), "--tahun", "2025", "--tanggal", "2024-03-20")
    assert out.splitlines()[3:] == [
        "baris 5: perbarui content/usulan/2024/2025-sumbersari-bantul-sipd-240101.yaml "
        "(perkiraan_biaya, riwayat)",
        "baris 6: tidak berubah content/usulan/2024/2025-margorejo-sipd-240102.yaml",
        "baris 7: tidak berubah content/usulan/2024/2025-margodadi-sipd-240103.yaml",
        "baris 8: dilewati: baris kosong",
        "baris 9: buat content/usulan/2024/2025-sumbersari-bantul-sipd-240104.yaml",
        "    ditebak: jenis fisik, bidang fisik-prasarana, urusan 1.03 (periksa di berkasnya)",
        "baris 10: buat content/usulan/2024/2025-rejomulyo-sipd-240105.yaml",
        "    ditebak: jenis non-fisik, bidang sosial-budaya, urusan 1.02 (periksa di berkasnya)",
        "baris 11: dilewati: bukan baris usulan (ID Usulan dan Usulan kosong): 'JUMLAH'",
        "Selesai: 2 dibuat, 1 diperbarui, 2 tidak berubah, 0 ditolak, 2 dilewati; 3 berkas ditulis.",
    ]
    assert code == 0
    updated = drainase.read_text(encoding="utf-8")
    assert "perkiraan_biaya: 90500000\n" in updated
    assert 'urusan: "1.04"\n' in updated and "prioritas: 1\n" in updated  # kept
    assert updated.endswith(
        "  - tahap: musrenbang-kecamatan\n"
        "    tanggal: 2024-01-31\n"  # not re-dated
        "    keputusan: diterima\n"
        "  - tahap: forum-opd\n"
        "    tanggal: 2024-03-20\n"
        "    keputusan: diterima\n"
    )
    ids = [p.read_text().count('kode_sipd: "240101"') for p in (content / "usulan").rglob("*.yaml")]
    assert sum(ids) == 1, "updated, not duplicated"
    records, problems = check_records(content)
    assert [p.format() for p in problems if not p.warning] == []


CSV = (
    "DAFTAR USULAN E-MUSRENBANG KELURAHAN MARGODADI;;;;;;;;;;;;\n"
    "No;Kode;Nama Kegiatan;Uraian Masalah;Tgl Usul;Desa;OPD;Volume;Satuan;Nilai (Rp);Sumber Usulan;"
    "Rekomendasi Lurah;Keterangan Internal\n"
    '1;M-001;Pembangunan pos ronda RT 005;"Belum ada pos ronda — warga\nberjaga di teras rumah";2024-01-10;'
    'Margodadi;Kec. Metro Selatan;1;Unit;"35.000.000";Musrenbang;Diterima;sudah dicek\n'
)
PETA = """\
# Judul kolom e-Musrenbang kota ini
Kode: kode_sipd
Nama Kegiatan: judul
Tgl Usul: tanggal_usul
OPD: opd_tujuan_awal
"Nilai (Rp)": perkiraan_biaya
Rekomendasi Lurah: rekomendasi_kelurahan
Keterangan Internal: abaikan
"""


def test_semicolon_csv_with_a_map_file(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "usulan-kelurahan.csv").write_bytes(CSV.replace("\n", "\r\n").encode("cp1252"))
    (tmp_path / "peta.yaml").write_text(PETA, encoding="utf-8")
    code, out = _impor(capsys, "usulan-kelurahan.csv", *ARGS, "--peta", "peta.yaml")
    assert out.splitlines() == [
        "Membaca usulan-kelurahan.csv (bukan UTF-8: dibaca sebagai Windows-1252): judul kolom di baris 2, "
        "1 baris usulan.",
        "Kolom dikenali tetapi tidak disimpan: 'No'",
        "baris 3: buat content/usulan/2024/2025-margodadi-sipd-m-001.yaml",
        "    ditebak: jenis fisik, bidang fisik-prasarana, urusan 7.01 (periksa di berkasnya)",
        "Selesai: 1 dibuat, 0 diperbarui, 0 tidak berubah, 0 ditolak, 0 dilewati; 1 berkas ditulis.",
    ]
    assert code == 0
    written = (content / "usulan/2024/2025-margodadi-sipd-m-001.yaml").read_text(encoding="utf-8")
    assert "permasalahan: |\n  Belum ada pos ronda — warga\n  berjaga di teras rumah\n" in written
    assert "opd_tujuan_awal: kecamatan-metro-selatan\n" in written
    assert 'kode_sipd: "M-001"\n' in written
    records, problems = check_records(content)
    assert [p.format() for p in problems] == []
    pages = render(build_catalog(records), content, records.data_date()).pages
    page = pages["usulan/2025-margodadi-sipd-m-001.md"]
    assert "<tr>\n<td>ID usulan SIPD</td>\n<td>M-001</td>\n</tr>" in page


def test_one_id_on_two_rows_refuses_both(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    rows = _rows()
    rows[2][HEADERS.index("ID  USULAN")] = 240101
    _sipd_sheet(sheet, rows)
    code, out = _impor(capsys, str(sheet), *ARGS, "--coba")
    refused = [line for line in out.splitlines() if "juga dipakai" in line]
    assert refused == [
        "baris 5: ditolak: ID USULAN: '240101' juga dipakai di baris 7",
        "baris 7: ditolak: ID USULAN: '240101' juga dipakai di baris 5",
    ]
    assert code == 1


def test_sheet_that_cannot_be_imported(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    book = openpyxl.Workbook()
    book.active.append(["ID Usulan", "Usulan", "Kelurahan", "Koefisien", "Anggaran", "OPD Tujuan Awal"])
    book.active.append([1, "Drainase", "Margodadi", "10 Meter", 1000000, "DPUPR"])
    book.save(tmp_path / "kurang.xlsx")
    code, out = _impor(capsys, str(tmp_path / "kurang.xlsx"), *ARGS)
    assert out.splitlines() == [
        "kurang.xlsx, lembar 'Sheet':1: kolom wajib 'Tanggal Usul' tidak ditemukan pada baris judul kolom",
        '    petunjuk: bila lembar memakai judul lain, tulis di berkas peta (--peta), contoh: "Judul Kolom '
        'Anda": tanggal_usul',
        "kurang.xlsx, lembar 'Sheet':1: kolom wajib 'Permasalahan' tidak ditemukan pada baris judul kolom",
        '    petunjuk: bila lembar memakai judul lain, tulis di berkas peta (--peta), contoh: "Judul Kolom '
        'Anda": permasalahan',
        "2 kesalahan, 0 peringatan, dalam 1 berkas",
        "Tidak ada yang diimpor.",
    ]
    assert code == 1
    (tmp_path / "peta.yaml").write_text("Nama Kegiatan: judull\nTgl: tanggal_usul\n", encoding="utf-8")
    code, out = _impor(capsys, str(tmp_path / "kurang.xlsx"), "--peta", str(tmp_path / "peta.yaml"))
    assert out.splitlines()[0] == (
        f"{(tmp_path / 'peta.yaml').as_posix()}:1: Nama Kegiatan: "
        "diharapkan nama kolom impor, ditemukan 'judull'"
    )
    assert out.splitlines()[1].startswith("    petunjuk: mungkin maksudnya 'judul'? pilihan: kode_sipd, ")
    assert code == 1
    (tmp_path / "judul.csv").write_text("Daftar usulan\nsatu;dua\n", encoding="utf-8")
    code, out = _impor(capsys, str(tmp_path / "judul.csv"))
    assert out.splitlines()[0] == (
        "judul.csv:1: baris judul kolom tidak ditemukan: diharapkan judul seperti 'ID Usulan', 'Usulan', "
        "'Kelurahan' pada 30 baris pertama"
    )
    assert code == 1


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("usulan.xls", b"\xd0\xcf\x11\xe0", "usulan.xls: diharapkan berkas .xlsx atau .csv, ditemukan .xls"),
        ("usulan.pdf", b"%PDF", "usulan.pdf: diharapkan berkas .xlsx atau .csv, ditemukan .pdf"),
        ("rusak.xlsx", b"bukan zip", "rusak.xlsx: bukan berkas Excel .xlsx yang dapat dibaca"),
        ("hilang.csv", None, "hilang.csv: berkas tidak ditemukan"),
    ],
)
def test_unreadable_file_is_wrong_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | None, expected: str
) -> None:
    if data is not None:
        (tmp_path / name).write_bytes(data)
    assert main(["impor", str(tmp_path / name), "--content", str(CONTENT)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("galat: ") and expected in err


def test_bad_date_option_is_wrong_usage(sheet: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["impor", str(sheet), "--tanggal", "31/01/2024"])
    assert exit_info.value.code == 2


def test_broken_records_stop_the_import(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    (content / "opd" / "rusak.yaml").write_text("id: rusak\n", encoding="utf-8")
    code, out = _impor(capsys, str(sheet), *ARGS)
    assert (
        out.splitlines()[-1] == "Tidak ada yang diimpor: perbaiki dulu catatan di content (musrenbang check)."
    )
    assert "content/opd/rusak.yaml:1: nama: kolom wajib 'nama' belum diisi" in out
    assert code == 1


# The value cleaners, on strings as real exports write them.

EPOCH = dt.date(1899, 12, 30)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Rp. 86.919.619,-", 86919619),
        ("Rp 1.250.000,00", 1250000),
        ("Rp1.250.000", 1250000),
        ("  Rp.\xa086.919.619 ", 86919619),
        ("Rp 86.919.619.-", 86919619),
        ("86919619", 86919619),
        ("86,919,619", 86919619),
        ("86919619,00", 86919619),
        ("86919619.00", 86919619),
        (86919619, 86919619),
        (86919619.0, 86919619),
        (0, 0),
        ("-", None),
        (None, None),
    ],
)
def test_money(cell: cleaning.Cell, expected: int | None) -> None:
    assert cleaning.money(cell) == expected


@pytest.mark.parametrize(
    "cell, message",
    [
        ("lima belas juta", "diharapkan jumlah rupiah, ditemukan 'lima belas juta'"),
        ("Rp 1.250.000,50", "diharapkan jumlah rupiah bulat, ditemukan 'Rp 1.250.000,50'"),
        ("Rp 5 jt", "diharapkan jumlah rupiah, ditemukan 'Rp 5 jt'"),
        (-5, "diharapkan jumlah rupiah bulat, ditemukan -5"),
    ],
)
def test_money_refused(cell: cleaning.Cell, message: str) -> None:
    with pytest.raises(cleaning.CellError) as error:
        cleaning.money(cell)
    assert error.value.message == message


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("35 Orang", (35, "orang")),
        ("1 Paket", (1, "paket")),
        ("114 m2", (114, "m2")),
        ("114 M2", (114, "m2")),
        ("2,5 km", (2.5, "km")),
        ("2.5 km", (2.5, "km")),
        ("1.000 Meter", (1000, "meter")),
        ("1 (satu) Paket", (1, "paket")),
        ("35Orang", (35, "orang")),
        ("12", (12, None)),
        (35, (35, None)),
        (2.5, (2.5, None)),
        (None, None),
    ],
)
def test_volume(cell: cleaning.Cell, expected: tuple[float, str | None] | None) -> None:
    assert cleaning.volume(cell) == expected


@pytest.mark.parametrize("cell", ["banyak", "0 Unit", "Paket"])
def test_volume_refused(cell: str) -> None:
    with pytest.raises(cleaning.CellError):
        cleaning.volume(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "27/01/2026",
        "27-01-2026",
        "27.01.2026",
        "2026-01-27",
        "2026-01-27 10:11:12",
        "27/01/2026 10.11",
        "27 Januari 2026",
        "Selasa, 27 Januari 2026",
        "27 Jan 2026",
        (dt.date(2026, 1, 27) - EPOCH).days,
        float((dt.date(2026, 1, 27) - EPOCH).days),
        str((dt.date(2026, 1, 27) - EPOCH).days),
        dt.datetime(2026, 1, 27, 8, 0),
        dt.date(2026, 1, 27),
    ],
)
def test_date(cell: cleaning.Cell) -> None:
    assert cleaning.date(cell) == dt.date(2026, 1, 27)


@pytest.mark.parametrize(
    "cell, message",
    [
        ("30/02/2026", "diharapkan tanggal yang ada di kalender, ditemukan '30/02/2026'"),
        ("01/27/2026", "diharapkan tanggal yang ada di kalender, ditemukan '01/27/2026'"),
        ("kemarin", "diharapkan tanggal, ditemukan 'kemarin'"),
        (123, "diharapkan tanggal, ditemukan 123"),
    ],
)
def test_date_refused(cell: cleaning.Cell, message: str) -> None:
    with pytest.raises(cleaning.CellError) as error:
        cleaning.date(cell)
    assert error.value.message == message
    assert error.value.hint == "tulis HH/BB/TTTT, contoh: 27/01/2026 (atau 2026-01-27)"


@pytest.mark.parametrize(
    "cell, expected",
    [
        (
            "Jl. Mawar RT 08 RW 02 (-5.1274, 105.3065)",
            ("Jl. Mawar RT 08 RW 02", "-5.1274, 105.3065", "008", "002"),
        ),
        ("Lat: -5.12 Long: 105.30, Jl. Kenanga", ("Jl. Kenanga", "-5.12, 105.30", None, None)),
        ("Latitude: -5,1274 Longitude: 105,3065", (None, "-5.1274, 105.3065", None, None)),
        ("-8.6705, 115.2126, Jl. Gatot Subroto", ("Jl. Gatot Subroto", "-8.6705, 115.2126", None, None)),
        ("Jl. Melati RT. 008/RW. 002", ("Jl. Melati RT. 008/RW. 002", None, "008", "002")),
        ("RT/RW 03/04 Gg. Buntu", ("RT/RW 03/04 Gg. Buntu", None, "003", "004")),
        ("Dusun II Rt 5 Rw 1", ("Dusun II Rt 5 Rw 1", None, "005", "001")),
        ("Balai Kelurahan", ("Balai Kelurahan", None, None, None)),
    ],
)
def test_address(cell: str, expected: tuple[str | None, ...]) -> None:
    assert cleaning.address(cell) == cleaning.Address(*expected)


def test_coordinates_the_wrong_way_round_are_refused() -> None:
    with pytest.raises(cleaning.CellError) as error:
        cleaning.address("Jl. Mawar (105.3065, -5.1274)")
    assert error.value.message == (
        "diharapkan koordinat lintang, bujur di Indonesia, ditemukan '(105.3065, -5.1274)'"
    )


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Diterima", cleaning.Decision("diterima")),
        ("DITERIMA", cleaning.Decision("diterima")),
        ("Ditolak - bukan kewenangan kota", cleaning.Decision("ditolak", None, "bukan kewenangan kota")),
        ("Ditolak: tidak sesuai RPJMD", cleaning.Decision("ditolak", None, "tidak sesuai RPJMD")),
        ("Ditolak (tidak masuk prioritas)", cleaning.Decision("ditolak", None, "tidak masuk prioritas")),
        ("Ditolak karena bukan kewenangan kota", cleaning.Decision("ditolak", None, "bukan kewenangan kota")),
        (
            "Tidak Disetujui - dialihkan ke OPD lain",
            cleaning.Decision("ditolak", "Tidak Disetujui", "dialihkan ke OPD lain"),
        ),
        ("Tidak Diakomodir", cleaning.Decision("tidak-diakomodir")),
        ("Diakomodir", cleaning.Decision("diakomodir")),
        ("Terakomodasi", cleaning.Decision("diakomodir", "Terakomodasi")),
        ("Setuju", cleaning.Decision("diterima", "Setuju")),
        ("Diterima Kelurahan", cleaning.Decision("diterima", "Diterima Kelurahan")),
        (
            "Ditunda - ditunda ke tahun berikutnya",
            cleaning.Decision("ditunda", None, "ditunda ke tahun berikutnya"),
        ),
        (
            "Dikembalikan: lengkapi foto lokasi",
            cleaning.Decision("dikembalikan", None, "lengkapi foto lokasi"),
        ),
        ("Lolos Verifikasi", cleaning.Decision("diverifikasi", "Lolos Verifikasi")),
        ("Draft", None),
        ("Belum diverifikasi", None),
        ("-", None),
        (None, None),
    ],
)
def test_decision(cell: str | None, expected: cleaning.Decision | None) -> None:
    assert cleaning.decision(cell) == expected


def test_unknown_decision_is_refused() -> None:
    with pytest.raises(cleaning.CellError) as error:
        cleaning.decision("Dipertimbangkan")
    assert error.value.message == "diharapkan keputusan, ditemukan 'Dipertimbangkan'"


@pytest.mark.parametrize(
    "cell, expected",
    [("1.03", "1.03"), (1.03, "1.03"), (2.1, "2.10"), ("1.03.10.2.01.0001 Pembangunan Drainase", "1.03")],
)
def test_urusan(cell: cleaning.Cell, expected: str) -> None:
    assert cleaning.urusan(cell) == expected


@pytest.mark.parametrize(
    "header, expected",
    [
        ("OPD  Tujuan_Awal", "opd tujuan awal"),
        ("Anggaran (Rp)", "anggaran"),
        ("Kab/Kota", "kab kota"),
        ("ID_USULAN", "id usulan"),
        ("Tgl. Usul:", "tgl usul"),
    ],
)
def test_header_normalisation(header: str, expected: str) -> None:
    assert columns.normal(header) == expected


def test_every_header_means_one_column() -> None:
    seen: dict[str, str] = {}
    for kolom in columns.KOLOM:
        for header in (kolom.header, *kolom.aliases):
            assert seen.setdefault(columns.normal(header), kolom.key) == kolom.key, header


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ('JUDUL LEMBAR;;\na;b;c\n1;"2, 5";3\n', ";"),
    ],
)
def test_delimiter(text: str, expected: str) -> None:
    assert sheets.delimiter(text) == expected


def test_csv_with_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes("ID Usulan,Usulan\r\n1,Drainase\r\n".encode("utf-8-sig"))
    (table,) = sheets.read(tmp_path / "a.csv")
    assert table.rows == ((1, ("ID Usulan", "Usulan")), (2, ("1", "Drainase")))
    assert table.note == ""


def test_guesses_agree_with_the_shipped_records() -> None:
    from generator.rows import guess

    records, _ = check_records(CONTENT)
    assert records.usulan
    for u in records.usulan:
        assert guess(u.judul, u.urusan, None) == (u.jenis, u.bidang), u.id


def test_history_merge_keeps_dates_and_adds_new_decisions() -> None:
    old = (
        Riwayat("rembug-warga", dt.date(2024, 1, 15), "diusulkan"),
        Riwayat("musrenbang-kelurahan", dt.date(2024, 2, 1), "diterima", rapat="2024-musrenbangkel-x"),
    )
    sheet_says = (
        Riwayat("rembug-warga", dt.date(2024, 1, 16), "diusulkan"),
        Riwayat("musrenbang-kelurahan", dt.date(2024, 3, 20), "diterima", label="Setuju"),
        Riwayat("musrenbang-kecamatan", dt.date(2024, 3, 20), "ditolak", "bukan kewenangan kota"),
    )
    assert impor.merge(old, sheet_says) == (
        old[0],
        Riwayat(
            "musrenbang-kelurahan",
            dt.date(2024, 2, 1),
            "diterima",
            rapat="2024-musrenbangkel-x",
            label="Setuju",
        ),
        sheet_says[2],
    )


def test_written_yaml_reads_back_as_the_same_record(tmp_path: Path) -> None:
    records, _ = check_records(CONTENT)
    fields = {f for f in Usulan.__dataclass_fields__ if f != "asal"}
    assert set(yamlwrite.ORDER["Usulan"]) == fields, "place a new field in yamlwrite.ORDER"
    odd = ("ya", "2024", "null", "- tengah", "Jl. Mawar: RT 08 # ujung", "'kutip'", '"kutip"', "a  b")
    for u in records.usulan:
        for judul in (u.judul, *odd):
            usulan = u.__class__(**{**{f: getattr(u, f) for f in fields}, "judul": judul})
            text = yamlwrite.dump(usulan, "komentar")
            document, problems = yamlread.read_bytes(text.encode("utf-8"), tmp_path / "u.yaml", "u.yaml")
            assert document is not None and not problems
            assert record(Usulan)(document.root, "", Context("u.yaml", problems)) == usulan


@functools.cache
def _shipped_usulan() -> Usulan:
    (u,) = [u for u in check_records(CONTENT)[0].usulan if u.id == "contoh-2024-margodadi-001"]
    return dataclasses.replace(u, asal=None)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(judul=st.text(min_size=1, max_size=60), permasalahan=st.text(min_size=1, max_size=120))
def test_any_text_is_written_so_it_reads_back(tmp_path: Path, judul: str, permasalahan: str) -> None:
    # Records hold text as the loader leaves it: stripped.
    assume(judul.strip() and permasalahan.strip())
    usulan = dataclasses.replace(_shipped_usulan(), judul=judul.strip(), permasalahan=permasalahan.strip())
    text = yamlwrite.dump(usulan, "komentar")
    document, problems = yamlread.read_bytes(text.encode("utf-8"), tmp_path / "u.yaml", "u.yaml")
    assert document is not None and not problems, text
    ctx = Context("u.yaml", problems)
    parsed = record(Usulan)(document.root, "", ctx)
    if not ctx.problems:  # the text rules may refuse the value (control characters, …), never misread it
        assert parsed == usulan
    else:
        assert all(p.path in ("judul", "permasalahan") for p in ctx.problems)


def test_names_resolve_to_records() -> None:
    from generator.load import Records
    from generator.lookup import Lookup
    from generator.model import Opd, Wilayah

    records = Records(
        wilayah=(
            Wilayah("18.72.05", "Metro Selatan"),
            Wilayah("18.72.01", "Metro Pusat"),
            Wilayah("18.72.05.1003", "Sumbersari Bantul", ("Sumbersari",)),
            Wilayah("18.72.01.1001", "Sumbersari"),
        ),
        opd=(Opd("dpupr-metro", "Dinas Pekerjaan Umum dan Penataan Ruang Kota Metro", "18.72", "DPUPR"),),
    )
    lookup = Lookup.of(records)
    assert lookup.region("Kel. Sumber Sari Bantul", None).kode == "18.72.05.1003"
    assert lookup.region("SUMBERSARI", "Kecamatan Metro Selatan").kode == "18.72.05.1003"
    assert lookup.region("Sumbersari", "metro pusat").kode == "18.72.01.1001"
    with pytest.raises(cleaning.CellError) as error:
        lookup.region("Sumbersari", None)
    assert error.value.message == (
        "diharapkan satu kelurahan/desa, ditemukan 'Sumbersari (2 wilayah: 18.72.05.1003, 18.72.01.1001)'"
    )
    with pytest.raises(cleaning.CellError) as error:
        lookup.region("Sumbersari Bantul", "Metro Pusat")
    assert (error.value.column, error.value.message) == (
        "kecamatan",
        "diharapkan 'Metro Selatan' (kecamatan Sumbersari Bantul) atau kosong, ditemukan 'Metro Pusat'",
    )
    sipd = "1.03.0.00.0.00.01.0000 Dinas Pekerjaan Umum dan Penataan Ruang"
    for name in ("DPUPR", "dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", sipd, "dpupr-metro"):
        assert lookup.opd_id(name) == "dpupr-metro", name


def test_decisions_cannot_predate_the_proposal(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    code, out = _impor(capsys, str(sheet), "--tahun", "2025", "--tanggal", "2024-01-15", "--coba")
    expected = "ditolak: Tanggal_Usul: diharapkan paling lambat tanggal data 2024-01-15, ditemukan"
    assert [line for line in out.splitlines() if "Tanggal_Usul" in line] == [
        f"baris 6: {expected} 2024-01-16",
        f"baris 7: {expected} 2024-01-17",
    ]
    assert "baris 5: buat " in out  # proposed on the data date itself
    assert code == 1


def test_missing_year_is_refused_per_row(
    content: Path, sheet: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content.parent)
    code, out = _impor(capsys, str(sheet), "--tanggal", "2024-01-31", "--coba")
    assert out.splitlines()[3:5] == [
        "baris 5: ditolak: Tahun: tahun rencana tidak diketahui",
        "    petunjuk: jalankan impor dengan --tahun TAHUN",
    ]
    assert code == 1
