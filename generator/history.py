"""Check the proposals' status histories and the totals meetings state about proposals.

A history moves forward through the stages (back only after `dikembalikan`), stops at a final
decision, cites meetings of the same stage, and does not wait for ever; stated totals add up and
match the proposals recorded for that meeting.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import vocab
from .load import Records
from .problems import Problem


def history(records: Records) -> Iterator[Problem]:
    """The status history: stages move forward, nothing follows a final decision, the meeting
    that decided a step is a meeting of that stage, and a proposal does not wait for ever."""
    rapat = {r.id: r for r in records.rapat}
    usulan = {u.id: u for u in records.usulan}
    order = {stage: index for index, stage in enumerate(vocab.TAHAP)}
    data_date = records.data_date()
    for u in records.usulan:
        where = u.asal
        assert where is not None
        for number, (before, step) in enumerate(zip((None, *u.riwayat), u.riwayat, strict=False), start=1):
            path = f"riwayat[{number}]"
            meeting = rapat.get(step.rapat or "")
            if meeting and meeting.jenis != step.tahap and meeting.jenis != "lainnya":
                yield where.problem(
                    f"{path}.rapat",
                    f"diharapkan rapat tahap {step.tahap!r}, ditemukan rapat {meeting.id!r} "
                    f"tahap {meeting.jenis!r}",
                    "keputusan suatu tahap diambil dalam rapat tahap yang sama; periksa `tahap` atau `rapat`",
                )
            if before is None:
                continue
            if before.keputusan in vocab.KEPUTUSAN_AKHIR:
                yield where.problem(
                    f"{path}.keputusan",
                    f"tidak ada langkah sesudah keputusan {before.keputusan!r} pada riwayat[{number - 1}]",
                    "usulan yang ditolak, tidak diakomodir atau ditunda diajukan lagi sebagai usulan baru "
                    "dengan `lanjutan_dari`",
                )
            elif order[step.tahap] < order[before.tahap] and before.keputusan != "dikembalikan":
                yield where.problem(
                    f"{path}.tahap",
                    f"diharapkan tahap {before.tahap!r} atau sesudahnya, ditemukan {step.tahap!r}",
                    "usulan hanya mundur tahap bila sebelumnya `dikembalikan`",
                )
        last = u.riwayat[-1]
        waiting = last.keputusan in ("diusulkan", "diterima", "diverifikasi", "dikembalikan")
        if data_date and waiting and (data_date - last.tanggal).days > 365:
            yield where.problem(
                f"riwayat[{len(u.riwayat)}]",
                f"belum ada keputusan selama {(data_date - last.tanggal).days} hari "
                f"(sejak {last.tanggal:%Y-%m-%d})",
                "tambahkan keputusan terbaru, atau tandai `ditunda` dengan alasannya",
                warning=True,
            )
        if u.anggaran is not None and u.anggaran > 2 * u.perkiraan_biaya:
            yield where.problem(
                "anggaran",
                f"anggaran {u.anggaran} lebih dari dua kali perkiraan biaya {u.perkiraan_biaya}",
                "periksa angka nol yang berlebih",
                warning=True,
            )
        if u.anggaran is not None and not u.sumber_dana:
            yield where.problem(
                "sumber_dana",
                "kolom wajib 'sumber_dana' belum diisi padahal `anggaran` diisi",
                "tambahkan `sumber_dana: apbd` (atau dana-kelurahan, dd-add, apbd-provinsi, dak, pokir, "
                "swadaya)",
            )
        previous = usulan.get(u.lanjutan_dari or "")
        if previous and previous.riwayat[-1].keputusan != "ditunda":
            yield where.problem(
                "lanjutan_dari",
                f"diharapkan usulan yang ditunda, ditemukan {previous.id!r} dengan keputusan terakhir "
                f"{previous.riwayat[-1].keputusan!r}",
                "hanya usulan yang ditunda yang dilanjutkan ke tahun berikutnya",
            )
        if previous and previous.tahun_rencana >= u.tahun_rencana:
            yield where.problem(
                "tahun_rencana",
                f"diharapkan sesudah {previous.tahun_rencana} (tahun usulan asal), "
                f"ditemukan {u.tahun_rencana}",
                "usulan lanjutan merencanakan tahun berikutnya",
            )


def stated_totals(records: Records) -> Iterator[Problem]:
    """Totals a meeting states add up, and match the proposals recorded for that meeting."""
    decided: dict[str, list[object]] = {}
    for u in records.usulan:
        for step in u.riwayat:
            if step.rapat:
                decided.setdefault(step.rapat, []).append(u)
    for r in records.rapat:
        total = r.ringkasan_usulan
        if total is None:
            continue
        where = r.asal
        assert where is not None
        parts = [total.fisik, total.non_fisik, total.barang]
        if any(p is not None for p in parts) and sum(p or 0 for p in parts) != total.jumlah:
            yield where.problem(
                "ringkasan_usulan.jumlah",
                f"diharapkan {sum(p or 0 for p in parts)} (fisik + non_fisik + barang), "
                f"ditemukan {total.jumlah}",
                "jumlah seluruh usulan sama dengan jumlah rinciannya; periksa angka di sumber",
            )
        found = decided.get(r.id, [])
        if not found:
            continue
        counted = {
            "jumlah": len(found),
            "fisik": sum(u.jenis == "fisik" for u in found),  # type: ignore[attr-defined]
            "non_fisik": sum(u.jenis == "non-fisik" for u in found),  # type: ignore[attr-defined]
            "barang": sum(u.jenis == "barang" for u in found),  # type: ignore[attr-defined]
            "total_biaya": sum(u.perkiraan_biaya for u in found),  # type: ignore[attr-defined]
        }
        for field, value in counted.items():
            stated = getattr(total, field)
            if stated is not None and stated != value:
                yield where.problem(
                    f"ringkasan_usulan.{field}",
                    f"diharapkan {value} menurut usulan yang tercatat untuk rapat ini, ditemukan {stated}",
                    "periksa ringkasan, atau catat usulan yang belum dicatat",
                )
