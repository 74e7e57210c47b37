"""Synthetic data, the meetings above the kelurahan (kecamatan musrenbang, verifikasi lapangan, Forum
OPD, kota musrenbang) and the series: one per kecamatan for its kelurahan musrenbang, one per kota for
the rest of the cycle.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from . import contoh_teks as teks
from .contoh_jadwal import Jadwal, id_forum, id_kecamatan, id_kota, id_verifikasi, tahap_kota
from .contoh_peserta import kepala
from .contoh_rapat import (
    Decided,
    Record,
    dengan_tahun,
    hadir,
    hari_tanggal,
    hitung,
    per_bidang,
    pilih_jam,
    rapat_dasar,
    ringkasan,
    sebutan_wilayah,
    tanggal,
    total_hadir,
)
from .contoh_wilayah import Kab, Kec
from .formats import angka, rupiah_ringkas


def rapat_kecamatan(j: Jadwal, kec: Kec, seri: str, done: Decided, rng: random.Random) -> Record:
    kab, day = j.kab, j.kec[kec.kode]
    rapat_id = id_kecamatan(j.tahun, kec.slug)
    steps = done.get(rapat_id, [])
    tempat = rng.choice(teks.TEMPAT_KECAMATAN).format(kec=kec.nama)
    record = rapat_dasar(
        rapat_id, "musrenbang-kecamatan", kec.kode, day, pilih_jam(rng, ("08.00", "08.30"), (4, 5)), tempat
    )
    record["seri"] = seri
    head = kepala(kab)
    who = rng.choice((f"{head.lower()}-{kab.slug}", f"wakil-{head.lower()}-{kab.slug}"))
    title = f"{'Wakil ' if who.startswith('wakil') else ''}{head} {kab.singkat}"
    record["peserta"] = hadir(
        (who, None, "membuka musrenbang kecamatan"),
        (f"kepala-bappeda-{kab.slug}", None, None),
        (f"anggota-dprd-{kab.slug}", rng.randint(2, 5), None),
        (f"opd-terkait-{kab.slug}", rng.randint(8, 15), None),
        (f"camat-{kec.slug}", None, None),
        (f"sekcam-{kec.slug}", None, None),
        (f"forkopimcam-{kec.slug}", 2, None),
        (f"lurah-se-{kec.slug}", kec.jumlah_kel, None),
        (f"delegasi-{kec.slug}", 3 * kec.jumlah_kel, None),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(5, 25)
    accepted, rejected = hitung(steps, "diterima"), hitung(steps, "ditolak")
    back = hitung(steps, "dikembalikan")
    record["agenda"] = [
        f"Pembukaan dan sambutan {title}",
        f"Paparan arah kebijakan pembangunan dan pagu indikatif kecamatan oleh Kepala Bappeda {kab.nama}",
        f"Pembahasan usulan prioritas hasil musrenbang {sebutan_wilayah(kec)} per bidang",
        "Pengelompokan usulan menurut perangkat daerah tujuan",
        f"Pemilihan delegasi musrenbang {kab.tingkat} dan penandatanganan berita acara",
    ]
    record["keputusan"] = [
        f"Disepakati {accepted} usulan prioritas Kecamatan {kec.nama}: {per_bidang(steps, 'diterima')}.",
        *([f"{rejected} usulan tidak diteruskan ke tingkat {kab.tingkat}."] if rejected else []),
        *(
            [f"{back} usulan dikembalikan untuk dilengkapi dokumen pendukungnya paling lambat satu minggu."]
            if back
            else []
        ),
    ]
    total = sum(u["perkiraan_biaya"] for u, _ in steps)
    record["isi"] = (
        f"Musrenbang Kecamatan {kec.nama} pada {hari_tanggal(day)} dibuka oleh {title}. Forum membahas "
        f"{len(steps)} usulan hasil musrenbang {sebutan_wilayah(kec)} dengan perkiraan biaya seluruhnya "
        f"{rupiah_ringkas(total)}."
        f"\n\nUsulan diurutkan menurut prioritas setiap bidang, lalu dikelompokkan menurut perangkat daerah "
        f"yang akan menanganinya. Sebanyak {accepted} usulan dibawa ke tahap berikutnya."
    )
    record["ringkasan_usulan"] = ringkasan(steps)
    record["_nama"] = f"Musrenbang Kecamatan {kec.nama} {j.tahun}"
    return dengan_tahun(record, j)


def rapat_kota(j: Jadwal, seri: str, done: Decided, rng: random.Random) -> Iterator[Record]:
    """Verifikasi lapangan, Forum OPD and the kota (kabupaten) musrenbang."""
    kab, k = j.kab, j.kab.slug
    n_kec = len(kab.kec)
    bappeda = f"Bappeda {kab.nama}"
    steps = done.get(id_verifikasi(j.tahun, kab), [])
    jam = pilih_jam(rng, ("09.00",), (3, 4))
    record = rapat_dasar(
        id_verifikasi(j.tahun, kab),
        "verifikasi-lapangan",
        kab.kode,
        j.verifikasi,
        jam,
        f"Ruang Rapat {bappeda}",
    )
    record["seri"] = seri
    record["peserta"] = hadir(
        (f"kepala-bappeda-{k}", None, None),
        (f"tim-bappeda-{k}", rng.randint(4, 8), None),
        (f"opd-terkait-{k}", rng.randint(5, 10), None),
        (f"camat-se-{k}", n_kec, None),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(0, 10)
    changed = sum(1 for _, s in steps if "volume" in s)
    record["agenda"] = [
        "Laporan tim verifikasi lapangan Bappeda dan OPD teknis",
        "Pembahasan usulan fisik yang lokasi atau volumenya berbeda dengan usulan",
        "Penetapan daftar usulan yang lolos verifikasi",
    ]
    record["keputusan"] = [
        f"{hitung(steps, 'diverifikasi')} usulan fisik lolos verifikasi dan dibawa ke Forum Perangkat "
        "Daerah.",
        f"Volume {changed} usulan disesuaikan dengan hasil pengukuran di lapangan.",
        f"{hitung(steps, 'ditolak')} usulan tidak dilanjutkan karena lahan atau lokasinya tidak memenuhi "
        "syarat.",
    ]
    record["isi"] = (
        f"Tim {bappeda} bersama OPD teknis meninjau lokasi {len(steps)} usulan fisik hasil musrenbang "
        f"kecamatan. Rapat pada {hari_tanggal(j.verifikasi)} membahas hasil tinjauan: kesesuaian lokasi, "
        "status lahan dan volume pekerjaan."
    )
    yield dengan_tahun(record, j)

    steps = done.get(id_forum(j.tahun, kab), [])
    jam = pilih_jam(rng, ("08.30",), (5, 6))
    record = rapat_dasar(id_forum(j.tahun, kab), "forum-opd", kab.kode, j.forum, jam, f"Aula {bappeda}")
    record["seri"] = seri
    record["peserta"] = hadir(
        (f"sekda-{k}", None, "membuka forum perangkat daerah"),
        (f"kepala-bappeda-{k}", None, None),
        (f"tim-bappeda-{k}", rng.randint(4, 8), None),
        (f"opd-terkait-{k}", rng.randint(15, 30), None),
        (f"camat-se-{k}", n_kec, None),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(0, 10)
    moved = sum(1 for _, s in steps if s.get("label", "").startswith("Dialihkan"))
    record["agenda"] = [
        f"Paparan rancangan Rencana Kerja (Renja) perangkat daerah tahun {j.tahun + 1}",
        "Penyelarasan usulan musrenbang kecamatan dengan program dan kegiatan OPD",
        "Penetapan OPD penanggung jawab setiap usulan",
    ]
    record["keputusan"] = [
        f"{hitung(steps, 'diterima')} usulan diselaraskan dengan rancangan Renja perangkat daerah.",
        f"{moved} usulan dialihkan ke OPD yang berwenang.",
        f"{hitung(steps, 'ditolak')} usulan tidak dilanjutkan karena tidak sesuai RPJMD atau bukan "
        f"kewenangan {kab.tingkat}.",
    ]
    record["isi"] = (
        f"Forum Perangkat Daerah {kab.nama} menyelaraskan {len(steps)} usulan hasil musrenbang kecamatan "
        f"dengan rancangan Rencana Kerja setiap OPD untuk tahun {j.tahun + 1}, serta memastikan setiap "
        "usulan ditangani perangkat daerah yang berwenang."
    )
    yield dengan_tahun(record, j)

    steps = done.get(id_kota(j.tahun, kab), [])
    head = kepala(kab)
    places = teks.TEMPAT_KOTA if kab.kota else teks.TEMPAT_KABUPATEN
    jam = pilih_jam(rng, ("08.00",), (4, 5))
    record = rapat_dasar(
        id_kota(j.tahun, kab),
        tahap_kota(kab),
        kab.kode,
        j.kota,
        jam,
        rng.choice(places).format(singkat=kab.singkat),
    )
    record["seri"] = seri
    record["_nama"] = f"Musrenbang {kab.nama} {j.tahun}"
    record["peserta"] = hadir(
        (f"{head.lower()}-{k}", None, f"membuka musrenbang {kab.tingkat}"),
        (f"wakil-{head.lower()}-{k}", None, None),
        (f"sekda-{k}", None, None),
        (f"kepala-bappeda-{k}", None, None),
        (f"anggota-dprd-{k}", rng.randint(10, 25), None),
        (f"opd-terkait-{k}", rng.randint(25, 40), None),
        (f"camat-se-{k}", n_kec, None),
    )
    record["jumlah_peserta"] = total_hadir(record["peserta"]) + rng.randint(30, 80)
    record["catatan_peserta"] = (
        "Peserta lain: lurah dan kepala desa, delegasi kecamatan, tokoh masyarakat dan perwakilan "
        "perguruan tinggi (jumlah rekaan)."
    )
    accepted = [u for u, s in steps if s["keputusan"] == "diterima"]
    value = sum(u["perkiraan_biaya"] for u in accepted)
    record["agenda"] = [
        f"Pembukaan dan sambutan {head} {kab.singkat}",
        f"Paparan rancangan RKPD {kab.nama} tahun {j.tahun + 1} oleh Kepala {bappeda}",
        "Pembahasan prioritas pembangunan dan pagu indikatif per OPD",
        f"Penandatanganan berita acara kesepakatan musrenbang {kab.tingkat}",
    ]
    record["keputusan"] = [
        f"Rancangan akhir RKPD {kab.nama} tahun {j.tahun + 1} disepakati untuk ditetapkan.",
        f"{len(accepted)} usulan musrenbang masuk rancangan RKPD.",
        f"{hitung(steps, 'ditunda')} usulan ditunda ke tahun berikutnya karena pagu belum mencukupi.",
    ]
    record["isi"] = (
        f"Musrenbang {kab.nama} pada {hari_tanggal(j.kota)} menyepakati rancangan RKPD tahun {j.tahun + 1}. "
        f"Dari {angka(len(steps))} usulan hasil musrenbang kecamatan dan Forum Perangkat Daerah, "
        f"{angka(len(accepted))} usulan senilai {rupiah_ringkas(value)} masuk rancangan RKPD."
        "\n\nUsulan yang belum tertampung pagu indikatif dicatat alasannya agar dapat diajukan kembali pada "
        "tahun berikutnya."
    )
    yield dengan_tahun(record, j)


def seri_kecamatan(j: Jadwal, kec: Kec) -> Record:
    what = sebutan_wilayah(kec).title().replace(" Dan ", " dan ")
    days = sorted(j.kel[kel.kode].musrenbang for kel in kec.kel)
    span = tanggal(days[0]) if days[0] == days[-1] else f"{tanggal(days[0])} sampai {tanggal(days[-1])}"
    return {
        "id": id_seri_kecamatan(j.tahun, kec),
        "contoh": True,
        "judul": f"Musrenbang {what} se-Kecamatan {kec.nama} {j.tahun}",
        "wilayah": kec.kode,
        "tahun_rencana": j.tahun + 1,
        "isi": f"Rangkaian musrenbang {what.lower()} di Kecamatan {kec.nama} untuk rencana pembangunan tahun "
        f"{j.tahun + 1} berlangsung {span}. Hasilnya dibawa ke Musrenbang Kecamatan {kec.nama} pada "
        f"{tanggal(j.kec[kec.kode])}.",
    }


def seri_kota(j: Jadwal) -> Record:
    kab = j.kab
    return {
        "id": id_seri_kota(j.tahun, kab),
        "contoh": True,
        "judul": f"Rangkaian Musrenbang RKPD {kab.nama} Tahun {j.tahun + 1}",
        "wilayah": kab.kode,
        "tahun_rencana": j.tahun + 1,
        "isi": f"Musrenbang kecamatan, verifikasi lapangan, Forum Perangkat Daerah dan Musrenbang {kab.nama} "
        f"untuk menyusun RKPD tahun {j.tahun + 1}, dari {tanggal(min(j.kec.values()))} sampai "
        f"{tanggal(j.kota)}.",
    }


def id_seri_kecamatan(tahun: int, kec: Kec) -> str:
    kind = "musrenbangdes" if all(kel.desa for kel in kec.kel) else "musrenbangkel"
    return f"contoh-{tahun}-{kind}-se-{kec.slug}"


def id_seri_kota(tahun: int, kab: Kab) -> str:
    return f"contoh-{tahun}-musrenbang-rkpd-{kab.slug}"
