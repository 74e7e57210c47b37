"""Exact-message tests of the checks: one broken record of each kind, one precise line each."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import check_records
from generator.cli import main


def _edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _new(relative: str, text: str | bytes) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")

    return apply


def _all(*breakages: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(content: Path) -> None:
        for breakage in breakages:
            breakage(content)

    return apply


MARGODADI = "rapat/2023/2023-musrenbangkel-margodadi.yaml"
PATIHAN = "rapat/2020/2020-rakor-musrenbangkel-patihan.yaml"

# (what is broken, how, the exact line `musrenbang check` prints for it)
BROKEN = [
    (
        "yaml syntax",
        _new("rapat/2023/rusak.yaml", 'id: rusak\njudul: "tidak ditutup\njenis: lainnya\n'),
        "content/rapat/2023/rusak.yaml:2: YAML tidak dapat dibaca: tanda kutip dibuka di baris ini dan "
        "tidak ditutup sampai akhir berkas",
    ),
    (
        "tab indentation",
        _new("rapat/2023/tab.yaml", "id: tab\n\tjudul: x\n"),
        "content/rapat/2023/tab.yaml:2: diharapkan indentasi dengan spasi, ditemukan karakter tab",
    ),
    (
        "not utf-8",
        _new("rapat/2023/latin.yaml", "id: latin\ntempat: Balai Pertemuan Caf\xe9\n".encode("latin-1")),
        "content/rapat/2023/latin.yaml:2: berkas bukan teks UTF-8: diharapkan UTF-8, "
        "ditemukan byte 0xe9 yang tidak sah",
    ),
    (
        "unknown key",
        _edit(MARGODADI, "tempat: Aula", "tempt: Balai Warga\ntempat: Aula"),
        "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:8: tempt: kolom tidak dikenal: 'tempt'",
    ),
    (
        "duplicate key",
        _edit("peserta/camat-metro-selatan.yaml", "unsur:", "jabatan: Lurah Margodadi\nunsur:"),
        "content/peserta/camat-metro-selatan.yaml:4: jabatan: "
        "kolom ganda: 'jabatan' sudah ditulis di baris 3",
    ),
    (
        "missing required field",
        _edit("rapat/2023/2023-musrenbangkel-margorejo.yaml", "tahun_rencana: 2024\n", ""),
        "content/rapat/2023/2023-musrenbangkel-margorejo.yaml:2: tahun_rencana: "
        "kolom wajib 'tahun_rencana' belum diisi",
    ),
    (
        "wrong type",
        _edit(
            "usulan/2023/contoh-2024-margodadi-002.yaml",
            "perkiraan_biaya: 35000000",
            "perkiraan_biaya: Rp. 35.000.000,-",
        ),
        "content/usulan/2023/contoh-2024-margodadi-002.yaml:15: perkiraan_biaya: "
        "diharapkan bilangan bulat, ditemukan 'Rp. 35.000.000,-'",
    ),
    (
        "wrong type in a list",
        _edit(PATIHAN, "  - peserta: ketua-rt-patihan", "  - peserta: ketua-rt-patihan\n    jumlah: banyak"),
        "content/rapat/2020/2020-rakor-musrenbangkel-patihan.yaml:20: peserta[8].jumlah: "
        "diharapkan bilangan bulat, ditemukan 'banyak'",
    ),
    (
        "impossible date",
        _edit("rapat/2023/2023-musrenbangkel-rejomulyo.yaml", "tanggal: 2023-02-02", "tanggal: 2023-02-30"),
        "content/rapat/2023/2023-musrenbangkel-rejomulyo.yaml:5: tanggal: "
        "diharapkan tanggal yang ada di kalender, ditemukan '2023-02-30'",
    ),
    (
        "id the site uses for its own page",
        _new(
            "seri/2023/index.yaml",
            'id: index\njudul: Rangkaian contoh\nwilayah: "18.72.05"\ntahun_rencana: 2024\n',
        ),
        "content/seri/2023/index.yaml:1: id: diharapkan id yang bukan nama halaman situs sendiri, "
        "ditemukan 'index' (dipakai untuk seri/index/)",
    ),
    (
        "unknown region code",
        _new("wilayah/18.72.05.1099.yaml", 'kode: "18.72.05.1099"\nnama: Contoh\n'),
        "content/wilayah/18.72.05.1099.yaml:1: kode: "
        "diharapkan kode wilayah Kemendagri yang terdaftar, ditemukan '18.72.05.1099'",
    ),
    (
        "region name does not match its code",
        _edit("wilayah/18.72.05.1004.yaml", "nama: Margodadi", "nama: Margodady"),
        "content/wilayah/18.72.05.1004.yaml:4: nama: "
        "diharapkan nama 'Margodadi' untuk kode 18.72.05.1004, ditemukan 'Margodady'",
    ),
    (
        "duplicate id",
        _new(
            "peserta/walikota-metro-lagi.yaml",
            "id: walikota-metro\njabatan: Walikota Metro\nunsur: pemerintah-daerah\n",
        ),
        "content/peserta/walikota-metro.yaml:2: id: "
        "id ganda: 'walikota-metro' sudah dipakai di content/peserta/walikota-metro-lagi.yaml:1",
    ),
    (
        "dangling reference",
        _edit(MARGODADI, "  - peserta: walikota-metro\n", "  - peserta: walikota-metrp\n"),
        "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:12: peserta[1].peserta: "
        "diharapkan peserta yang tercatat, ditemukan 'walikota-metrp' yang tidak ada",
    ),
    (
        "end before start",
        _edit(PATIHAN, 'mulai: "19.00"', 'mulai: "19.00"\nselesai: "18.30"'),
        "content/rapat/2020/2020-rakor-musrenbangkel-patihan.yaml:9: selesai: "
        "diharapkan jam selesai sesudah jam mulai 19.00, ditemukan 18.30",
    ),
    (
        "status history out of date order",
        _edit(
            "usulan/2023/contoh-2024-sumbersari-bantul-001.yaml", "tanggal: 2023-01-20", "tanggal: 2023-03-20"
        ),
        "content/usulan/2023/contoh-2024-sumbersari-bantul-001.yaml:24: riwayat[2].tanggal: "
        "diharapkan tanggal 2023-03-20 atau sesudahnya, ditemukan 2023-02-01",
    ),
    (
        "raw html in staff prose",
        _edit(MARGODADI, "  Kelurahan Margodadi membuka", "  <b>Penting</b> Kelurahan Margodadi membuka"),
        "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:22: isi: "
        "diharapkan Markdown tanpa HTML, ditemukan '<b>'",
    ),
    (
        "unsafe link in staff prose",
        _edit(
            MARGODADI,
            "  Kelurahan Margodadi membuka",
            "  [klik](javascript:alert(1)) Kelurahan Margodadi membuka",
        ),
        "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:22: isi: "
        "diharapkan tautan http:// atau https://, ditemukan 'javascript:alert(1'",
    ),
    (
        "citizen named without consent",
        _new(
            "peserta/warga-contoh.yaml",
            "id: warga-contoh\njabatan: Warga RT 008\nunsur: masyarakat\nnama: Budi\nwarga: ya\n",
        ),
        "content/peserta/warga-contoh.yaml:4: nama: nama warga biasa tidak boleh dimuat tanpa persetujuannya",
    ),
    (
        "weekday does not match the date",
        _edit(MARGODADI, "hari: Rabu", "hari: Kamis"),
        "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:6: hari: "
        "diharapkan Rabu untuk tanggal 2023-02-01, ditemukan Kamis",
    ),
    (
        "wrong time zone",
        _edit(PATIHAN, 'mulai: "19.00"', 'mulai: "19.00"\nzona_waktu: WITA'),
        "content/rapat/2020/2020-rakor-musrenbangkel-patihan.yaml:9: zona_waktu: "
        "diharapkan WIB untuk wilayah 35.77.02.1003, ditemukan WITA",
    ),
    (
        "step after a final decision",
        _edit(
            "usulan/2023/contoh-2024-margodadi-006.yaml",
            "    label: Tidak Dibawa ke Musrenbang Kelurahan\n",
            "    label: Tidak Dibawa ke Musrenbang Kelurahan\n"
            "  - tahap: musrenbang-kelurahan\n    tanggal: 2023-02-01\n    keputusan: diterima\n",
        ),
        "content/usulan/2023/contoh-2024-margodadi-006.yaml:30: riwayat[3].keputusan: "
        "tidak ada langkah sesudah keputusan 'ditolak' pada riwayat[2]",
    ),
    (
        "stage that cannot follow the previous one",
        _edit(
            "usulan/2023/contoh-2024-margodadi-001.yaml",
            "    rapat: 2023-musrenbangkel-margodadi\n",
            "    rapat: 2023-musrenbangkel-margodadi\n"
            "  - tahap: rembug-warga\n    tanggal: 2023-02-03\n    keputusan: diterima\n",
        ),
        "content/usulan/2023/contoh-2024-margodadi-001.yaml:28: riwayat[3].tahap: "
        "diharapkan tahap 'musrenbang-kelurahan' atau sesudahnya, ditemukan 'rembug-warga'",
    ),
    (
        "meeting of another level",
        _edit(
            "usulan/2023/contoh-2024-margodadi-001.yaml",
            "  - tahap: musrenbang-kelurahan\n    tanggal: 2023-02-01",
            "  - tahap: musrenbang-kecamatan\n    tanggal: 2023-02-01",
        ),
        "content/usulan/2023/contoh-2024-margodadi-001.yaml:27: riwayat[2].rapat: diharapkan rapat tahap "
        "'musrenbang-kecamatan', ditemukan rapat '2023-musrenbangkel-margodadi' tahap 'musrenbang-kelurahan'",
    ),
    (
        "unknown OPD",
        _edit(
            "usulan/2023/contoh-2024-margodadi-001.yaml",
            "opd_tujuan_awal: dpupr-metro",
            "opd_tujuan_awal: dpu",
        ),
        "content/usulan/2023/contoh-2024-margodadi-001.yaml:14: opd_tujuan_awal: "
        "diharapkan opd yang tercatat, ditemukan 'dpu' yang tidak ada",
    ),
    (
        "unknown urusan code",
        _edit("usulan/2023/contoh-2024-margodadi-001.yaml", 'urusan: "1.03"', 'urusan: "1.33"'),
        "content/usulan/2023/contoh-2024-margodadi-001.yaml:13: urusan: "
        "diharapkan kode urusan, ditemukan '1.33'",
    ),
    (
        "negative amount",
        _edit(
            "usulan/2023/contoh-2024-margodadi-001.yaml", "perkiraan_biaya: 86919619", "perkiraan_biaya: -5"
        ),
        "content/usulan/2023/contoh-2024-margodadi-001.yaml:17: perkiraan_biaya: "
        "diharapkan bilangan 0–100000000000000, ditemukan -5",
    ),
    (
        "one SIPD proposal in two records",
        _all(
            _edit(
                "usulan/2023/contoh-2024-rejomulyo-001.yaml", "contoh: ya", 'kode_sipd: "10231"\ncontoh: ya'
            ),
            _edit(
                "usulan/2023/contoh-2024-rejomulyo-002.yaml", "contoh: ya", 'kode_sipd: "10231"\ncontoh: ya'
            ),
        ),
        "content/usulan/2023/contoh-2024-rejomulyo-002.yaml:4: kode_sipd: kode_sipd ganda: '10231' sudah "
        "dipakai di content/usulan/2023/contoh-2024-rejomulyo-001.yaml:4",
    ),
    (
        "stated totals do not add up",
        _edit(PATIHAN, "agenda:", "ringkasan_usulan:\n  jumlah: 10\n  fisik: 6\n  non_fisik: 3\nagenda:"),
        "content/rapat/2020/2020-rakor-musrenbangkel-patihan.yaml:21: ringkasan_usulan.jumlah: "
        "diharapkan 9 (fisik + non_fisik + barang), ditemukan 10",
    ),
    (
        "stated totals do not match the recorded proposals",
        _edit(
            "rapat/2023/contoh-2023-musrenbangcam-metro-selatan.yaml",
            "  total_biaya: 2095000000",
            "  total_biaya: 2095000001",
        ),
        "content/rapat/2023/contoh-2023-musrenbangcam-metro-selatan.yaml:45: ringkasan_usulan.total_biaya: "
        "diharapkan 2095000000 menurut usulan yang tercatat untuk rapat ini, ditemukan 2095000001",
    ),
    (
        "yaml alias",
        _new("rapat/2023/alias.yaml", "a: &x 1\nb: *x\n"),
        "content/rapat/2023/alias.yaml:2: diharapkan nilai biasa, ditemukan alias YAML (*nama)",
    ),
    (
        "stray file",
        _new("rapat/2023/catatan.txt", "bukan catatan"),
        "content/rapat/2023/catatan.txt:1: diharapkan berkas catatan .yaml, ditemukan 'catatan.txt'",
    ),
]


def test_shipped_content_is_clean() -> None:
    from tests.conftest import CONTENT

    _, problems = check_records(CONTENT)
    assert [p.format() for p in problems] == []


@pytest.mark.parametrize("name, breakage, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_problem_has_one_precise_line(content: Path, name: str, breakage, expected: str) -> None:
    breakage(content)
    _, problems = check_records(content)
    errors = [p.format().splitlines()[0] for p in problems if not p.warning]
    assert expected in errors
    assert all(p.hint for p in problems if not p.warning), "every error carries a hint"
    # Nothing but the breakage is reported (a duplicate id is reported on its second file only).
    assert len(errors) == 1, errors


def test_cli_reports_every_problem_at_once(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first three break the same file in ways that hide each other; keep one of them.
    breakages = [b for b in BROKEN if b[0] not in ("tab indentation", "not utf-8", "yaml alias")]
    seen_files: set[str] = set()
    kept = []
    for _name, breakage, expected in breakages:
        file = expected.split(":")[0]
        if file in seen_files:
            continue
        seen_files.add(file)
        breakage(content)
        kept.append(expected)
    monkeypatch.chdir(content.parent)
    code = main(["check", "--content", "content"])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if re.match(r"content/\S+:\d+: (?!peringatan)", line)]
    assert sorted(lines) == sorted(kept)
    assert out.splitlines()[-1].startswith(f"{len(kept)} kesalahan")


def test_clean_check_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import CONTENT

    assert main(["check", "--content", str(CONTENT), "--strict"]) == 0
    assert "bersih" in capsys.readouterr().out


def test_wrong_usage_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["periksa"])
    assert exit_info.value.code == 2


def test_warning_fails_only_when_strict(content: Path) -> None:
    (content / "peserta" / "walikota-metro.yaml").rename(content / "peserta" / "walikota.yaml")
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--content", str(content), "--strict"]) == 1


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "perkiraan_biaya: 86919619",
            "perkiraan_biaya: 86919619\nanggaran: 900000000\nsumber_dana: apbd",
            "content/usulan/2023/contoh-2024-margodadi-001.yaml:18: peringatan: anggaran: "
            "anggaran 900000000 lebih dari dua kali perkiraan biaya 86919619",
        ),
    ],
)
def test_warnings(content: Path, old: str, new: str, expected: str) -> None:
    _edit("usulan/2023/contoh-2024-margodadi-001.yaml", old, new)(content)
    _, problems = check_records(content)
    assert [p.format().splitlines()[0] for p in problems] == [expected]


def test_waiting_too_long_is_a_warning(content: Path) -> None:
    # A status change dated two years later makes the newest date of the data 2025: proposals still
    # waiting since 2023 are flagged.
    _edit("usulan/2023/contoh-2024-margodadi-006.yaml", "    tanggal: 2023-01-24", "    tanggal: 2025-01-24")(
        content
    )
    _, problems = check_records(content)
    waiting = [p for p in problems if "belum ada keputusan" in p.message]
    assert waiting and all(p.warning for p in waiting)
    assert "content/usulan/2023/contoh-2024-margodadi-001.yaml" in {p.file for p in waiting}


def _remove(relative: str) -> Callable[[Path], None]:
    return lambda content: (content / relative).unlink()


SCHEMA_LINE = "# yaml-language-server: $schema=../../skema/rapat.schema.json"


@pytest.mark.parametrize(
    "breakage, expected",
    [
        (
            _edit(MARGODADI, "$schema=../../skema/", "$schema=../skema/"),
            "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:1: peringatan: skema editor: diharapkan "
            "'../../skema/rapat.schema.json', ditemukan '../skema/rapat.schema.json'\n"
            f"    petunjuk: tulis baris pertama: {SCHEMA_LINE}",
        ),
        (
            _edit(MARGODADI, "skema/rapat.schema.json", "skema/usulan.schema.json"),
            "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:1: peringatan: skema editor: diharapkan "
            "'../../skema/rapat.schema.json', ditemukan '../../skema/usulan.schema.json'\n"
            f"    petunjuk: tulis baris pertama: {SCHEMA_LINE}",
        ),
        (
            _edit(MARGODADI, "$schema=", "$skema="),
            "content/rapat/2023/2023-musrenbangkel-margodadi.yaml:1: peringatan: "
            "komentar yaml-language-server tanpa $schema=\n"
            f"    petunjuk: tulis baris pertama: {SCHEMA_LINE}",
        ),
        (
            _remove("skema/seri.schema.json"),
            "content/seri/2023/2023-musrenbangkel-metro-selatan.yaml:1: peringatan: "
            "skema editor content/skema/seri.schema.json tidak ditemukan\n"
            "    petunjuk: jalankan `musrenbang skema` untuk membuatnya",
        ),
        (
            _edit("skema/opd.schema.json", '"additionalProperties": false', '"additionalProperties": true'),
            "content/skema/opd.schema.json:1: peringatan: skema editor tidak sesuai dengan model catatan\n"
            "    petunjuk: jalankan `musrenbang skema` untuk memperbaruinya",
        ),
        (
            _new("skema/catatan.txt", "bukan skema"),
            "content/skema/catatan.txt:1: peringatan: diharapkan berkas skema seperti rapat.schema.json, "
            "ditemukan 'catatan.txt'\n"
            "    petunjuk: folder skema/ hanya berisi skema buatan `musrenbang skema`; pindahkan berkas ini",
        ),
    ],
    ids=["wrong folder", "other kind", "no schema", "missing schema", "stale schema", "stray file"],
)
def test_editor_schema_comment_warnings(content: Path, breakage, expected: str) -> None:  # type: ignore[no-untyped-def]
    breakage(content)
    _, problems = check_records(content)
    assert [p.format() for p in problems] == [expected]
    assert main(["check", "--content", str(content)]) == 0
    assert main(["check", "--content", str(content), "--strict"]) == 1


@pytest.mark.parametrize(
    "line",
    ["", "# yaml-language-server: $schema=https://contoh.go.id/musrenbang/skema/rapat.schema.json\n"],
    ids=["no comment", "published schema"],
)
def test_records_without_the_schema_comment_are_fine(content: Path, line: str) -> None:
    _edit(MARGODADI, SCHEMA_LINE + "\n", line)(content)
    _, problems = check_records(content)
    assert [p.format() for p in problems] == []


def test_files_parsed_by_two_processes_give_the_same_records_and_problems(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from generator import load as loading

    (content / "usulan" / "2023" / "rusak.yaml").write_text("id: [\n", encoding="utf-8")
    (content / "rapat" / "2023" / "tanpa-tanggal.yaml").write_text("id: tanpa-tanggal\n", encoding="utf-8")
    one = loading.load(content)
    parsed_here: list[str] = []
    parse = loading._parse

    def counted(path, *args):  # type: ignore[no-untyped-def]
        parsed_here.append(path.name)
        return parse(path, *args)

    monkeypatch.setattr(loading, "PARALLEL_FROM", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(loading, "_parse", counted)  # in this process only
    two = loading.load(content)
    total = sum(1 for p in content.rglob("*.yaml") if p.parts[len(content.parts)] in loading.KINDS)
    assert 0 < len(parsed_here) < total  # the other half was parsed elsewhere
    assert one == two
    assert any(p.file.endswith("rusak.yaml") for p in two[1])
