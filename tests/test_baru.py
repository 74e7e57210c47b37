"""`musrenbang baru`: a new record with the next free id, every field present and commented, that
passes `musrenbang check` and the editors' JSON Schema; exact output, questions, refusals."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import model, schema
from generator.build import check_records
from generator.cli import main
from tests.editor_yaml import load

NEXT = "Langkah berikutnya: isi kolom yang kosong, lalu jalankan musrenbang check\n"
RAPAT = ["--jenis", "musrenbang-kelurahan", "--wilayah", "18.72.05.1004", "--tanggal", "2024-02-05"]
RAPAT += ["--mulai", "13.00", "--tempat", "Aula Kelurahan Margodadi", "--tahun-rencana", "2025"]
USULAN = ["--wilayah", "18.72.05.1002", "--judul", "Perbaikan jalan lingkungan RT 003"]
USULAN += ["--permasalahan", "Jalan berlubang dan tergenang saat hujan", "--jenis", "fisik"]
USULAN += ["--bidang", "fisik-prasarana", "--urusan", "1.03", "--opd", "dpupr-metro", "--volume", "120"]
USULAN += ["--satuan", "meter", "--biaya", "86919619", "--tahap", "rembug-warga", "--tanggal", "2024-01-10"]
USULAN += ["--tahun-rencana", "2025"]


def _baru(content: Path, *args: str) -> int:
    return main(["baru", args[0], "--content", str(content), *args[1:]])


def _assert_sound(content: Path, relative: str, kind: str) -> None:
    """The new file passes the checks, validates against its schema and has every field of its kind."""
    records, problems = check_records(content)
    assert [p.format() for p in problems if p.file == f"content/{relative}" or not p.warning] == []
    text = (content / relative).read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema.modeline(content, kind, content / relative)
    jsonschema.Draft202012Validator(schema.kind_schema(kind)).validate(load(text))
    declared = [f.name for f in dataclasses.fields(model.KINDS[kind]) if "parser" in f.metadata]
    assert list(yaml.safe_load(text)) == declared, "every field, in model order"
    assert Path(relative).stem in {getattr(r, "id", None) or r.kode for r in getattr(records, kind)}


def test_new_meeting_with_flags(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _baru(content, "rapat", *RAPAT) == 0
    assert capsys.readouterr().out == "Dibuat: content/rapat/2024/2024-musrenbangkel-margodadi.yaml\n" + NEXT
    _assert_sound(content, "rapat/2024/2024-musrenbangkel-margodadi.yaml", "rapat")
    text = (content / "rapat/2024/2024-musrenbangkel-margodadi.yaml").read_text(encoding="utf-8")
    assert '\n# (wajib) jam mulai "13.00", atau "tidak diketahui"\nmulai: "13.00"\n' in text
    assert '\nwilayah: "18.72.05.1004"\n' in text and "\ntanggal: 2024-02-05\n" in text
    assert (
        "\n# peserta:\n#   - peserta:     # (wajib) kode pengenal peserta (berkas di content/peserta)\n"
        in text
    )
    assert (
        "\npeserta: []\n" in text and "\nringkasan_usulan:\n" in text and text.endswith("\ncontoh: tidak\n")
    )


def test_new_proposal_with_flags(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _baru(content, "usulan", *USULAN) == 0
    assert capsys.readouterr().out == "Dibuat: content/usulan/2024/2025-margorejo-001.yaml\n" + NEXT
    _assert_sound(content, "usulan/2024/2025-margorejo-001.yaml", "usulan")
    text = (content / "usulan/2024/2025-margorejo-001.yaml").read_text(encoding="utf-8")
    assert (
        "\nriwayat:\n"
        "  - tahap: rembug-warga   # (wajib) tahap proses\n"
        "    tanggal: 2024-01-10   # (wajib) tanggal keputusan TTTT-BB-HH\n"
        "    keputusan: diusulkan  # (wajib) keputusan pada tahap ini; pilihan: diusulkan, diterima, "
        "diverifikasi, diakomodir, dikembalikan, ditunda, ditolak, tidak-diakomodir\n"
        "    alasan:               # (boleh kosong) alasan (wajib bila ditolak, ditunda, dikembalikan)\n"
    ) in text
    assert '\nurusan: "1.03"\n' in text and "\njalur: musrenbang\n" in text


def test_new_region_with_its_parents(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _baru(content, "wilayah", "--kode", "18.71.01.1004") == 0
    assert capsys.readouterr().out == (
        "Dibuat: content/wilayah/18.71.yaml\n"
        "Dibuat: content/wilayah/18.71.01.yaml\n"
        "Dibuat: content/wilayah/18.71.01.1004.yaml\n" + NEXT
    )
    for kode in ("18.71", "18.71.01", "18.71.01.1004"):
        _assert_sound(content, f"wilayah/{kode}.yaml", "wilayah")
    assert (content / "wilayah" / "18.71.01.1004.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../skema/wilayah.schema.json\n"
        "# Wilayah: Kelurahan Surabaya\n"
        "# Wilayah baru, dibuat dengan `musrenbang baru`. Kolom (wajib) harus diisi; kolom (boleh kosong)\n"
        "# boleh dibiarkan kosong. Semua kolom dan pilihannya dijelaskan di halaman Panduan Petugas situs.\n"
        '# (wajib) kode wilayah Kemendagri, contoh "18.72.05.1004"\n'
        'kode: "18.71.01.1004"\n'
        "# (wajib) nama resmi sesuai daftar Kemendagri, contoh Margodadi\n"
        "nama: Surabaya\n"
        "# (boleh kosong) nama lain yang dipakai warga, contoh Sumbersari\n"
        "nama_lain: []\n"
        "# (boleh kosong) alamat situs web resmi wilayah\n"
        "situs_web:\n"
        "# (boleh kosong) nomor telepon kantor resmi (boleh dimuat)\n"
        "telepon_kantor:\n"
        "# (boleh kosong) alamat e-mail kantor resmi (boleh dimuat)\n"
        "email_kantor:\n"
    )


def test_next_free_ids(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _baru(content, "rapat", *RAPAT) == 0
    assert _baru(content, "rapat", *RAPAT) == 0
    assert _baru(content, "usulan", *USULAN) == 0
    taken = content / "usulan" / "2024" / "2025-margorejo-007.yaml"
    taken.write_text("rusak: [\n", encoding="utf-8")  # a broken file still holds its number
    assert _baru(content, "usulan", *USULAN) == 0
    assert capsys.readouterr().out == (
        "Dibuat: content/rapat/2024/2024-musrenbangkel-margodadi.yaml\n" + NEXT
        + "Dibuat: content/rapat/2024/2024-musrenbangkel-margodadi-2.yaml\n" + NEXT
        + "Dibuat: content/usulan/2024/2025-margorejo-001.yaml\n" + NEXT
        + "Dibuat: content/usulan/2024/2025-margorejo-008.yaml\n" + NEXT
    )  # fmt: skip
    taken.unlink()
    _assert_sound(content, "rapat/2024/2024-musrenbangkel-margodadi-2.yaml", "rapat")
    _assert_sound(content, "usulan/2024/2025-margorejo-008.yaml", "usulan")


def test_questions_from_the_input_ask_again_after_a_bad_answer(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = (
        "musrenbang-kelurahan\n18.72.05.1004\n2024-02-30\n2024-02-05\n13.00\nAula Kelurahan Margodadi\n\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert _baru(content, "rapat") == 0
    assert capsys.readouterr().out == (
        "Jenis rapat (rembug-warga, pra-musrenbang, musrenbang-kelurahan, musrenbang-desa, "
        "musrenbang-kecamatan, verifikasi-lapangan, forum-opd, musrenbang-kota, musrenbang-kabupaten, "
        "lainnya):\n"
        'Kode wilayah tempat rapat, contoh "18.72.05.1004":\n'
        "Tanggal rapat (TTTT-BB-HH):\n"
        "  diharapkan tanggal yang ada di kalender, ditemukan '2024-02-30'\n"
        "    petunjuk: periksa hari dan bulan: tanggal ini tidak ada\n"
        "Tanggal rapat (TTTT-BB-HH):\n"
        'Jam mulai, contoh 13.00, atau "tidak diketahui":\n'
        'Tempat rapat, atau "tidak diketahui":\n'
        "Tahun anggaran yang direncanakan [2025]:\n"
        "Dibuat: content/rapat/2024/2024-musrenbangkel-margodadi.yaml\n" + NEXT
    )
    _assert_sound(content, "rapat/2024/2024-musrenbangkel-margodadi.yaml", "rapat")
    assert "\ntahun_rencana: 2025\n" in (content / "rapat/2024/2024-musrenbangkel-margodadi.yaml").read_text()


def test_missing_flags_without_answers_fail_and_name_the_flags(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert _baru(content, "rapat", "--jenis", "forum-opd", "--wilayah", "18.72", "--mulai", "09.00") == 2
    captured = capsys.readouterr()
    assert captured.out == "Tanggal rapat (TTTT-BB-HH):\n"
    assert captured.err == "galat: pertanyaan tidak terjawab; berikan --tanggal, --tempat\n"
    assert not (content / "rapat" / "2024").exists()


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ["--jenis", "musrenbangkel"],
            "galat: --jenis: diharapkan jenis rapat, ditemukan 'musrenbangkel'\n"
            "    petunjuk: mungkin maksudnya 'musrenbang-kelurahan'? pilihan: rembug-warga, pra-musrenbang, "
            "musrenbang-kelurahan, musrenbang-desa, musrenbang-kecamatan, verifikasi-lapangan, forum-opd, "
            "musrenbang-kota, musrenbang-kabupaten, lainnya\n",
        ),
        (
            ["--jenis", "lainnya", "--wilayah", "18.71.01"],
            "galat: --wilayah: diharapkan wilayah yang tercatat, ditemukan '18.71.01' yang tidak ada\n"
            "    petunjuk: buat dulu catatannya: musrenbang baru wilayah --kode 18.71.01\n",
        ),
    ],
)
def test_a_bad_flag_is_wrong_usage(
    content: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    assert _baru(content, "rapat", *args) == 2
    assert capsys.readouterr().err == expected


def test_an_existing_file_is_never_overwritten(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "wilayah" / "18.72.05.1004.yaml"
    before = path.read_bytes()
    assert _baru(content, "wilayah", "--kode", "18.72.05.1004") == 1
    assert capsys.readouterr().err == (
        "galat: content/wilayah/18.72.05.1004.yaml sudah ada; berkas tidak ditimpa\n"
    )
    assert path.read_bytes() == before


def test_a_proposal_needs_a_recorded_kelurahan(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a if a != "18.72.05.1002" else "18.72.05" for a in USULAN]
    assert _baru(content, "usulan", *args) == 2
    assert capsys.readouterr().err == (
        "galat: --wilayah: diharapkan kode kelurahan/desa (4 bagian), ditemukan '18.72.05'\n"
        '    petunjuk: contoh: "18.72.05.1004"\n'
    )
