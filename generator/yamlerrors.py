"""YAML errors in Indonesian: what the YAML reader's own (English) message means for a clerk, the line
to look at, and how to fix it.

The reader (libyaml through PyYAML, or PyYAML's Python reader where libyaml is missing) says where it
gave up and, for an open quote or list, where that began. A clerk needs the line of the mistake: for
something left open, where it was opened; for a line that does not fit, that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Explained:
    line: int
    message: str
    hint: str


# (the reader's words, in its context and problem, as a pattern; whether the mistake is where the
# context began (an opened quote, list or key) rather than where the reader gave up; what it means;
# how to fix it). The first match wins. Both readers' wordings are matched.
_KNOWN: tuple[tuple[str, bool, str, str], ...] = (
    (
        r"quoted scalar.*end of stream",
        True,
        "tanda kutip dibuka di baris ini dan tidak ditutup sampai akhir berkas",
        "tutup tanda kutip di akhir nilainya; tanda kutip di dalam teks: pakai jenis kutip yang lain "
        "(judul: \"Jalan 'Baru'\") atau tulis dua kali di dalam kutip tunggal ('Jalan ''Baru''')",
    ),
    (
        r"unknown escape character",
        True,
        "garis miring terbalik (\\) di dalam tanda kutip ganda",
        "pakai tanda kutip tunggal ('C:\\data') atau tulis garis miringnya dua kali (\"C:\\\\data\")",
    ),
    (
        r"flow sequence|expected ',' or '\]'",
        True,
        "daftar [ … ] dibuka di baris ini dan tidak ditutup dengan benar",
        "tutup daftar dengan ] dan pisahkan butirnya dengan koma; bila [ ] bagian dari teks, beri "
        'tanda kutip pada seluruh nilai (judul: "[RT 01] Jalan")',
    ),
    (
        r"flow mapping|expected ',' or '\}'",
        True,
        "tanda { dibuka di baris ini dan tidak ditutup dengan benar",
        "tutup dengan } dan pisahkan isinya dengan koma; bila { } bagian dari teks, beri tanda kutip "
        "pada seluruh nilai",
    ),
    (
        r"simple key.*expected ':'",
        True,
        "diharapkan titik dua (:) setelah nama kolom, tidak ditemukan",
        "tulis nama kolom, titik dua, spasi, lalu nilainya (tempat: Aula Kelurahan); baris lanjutan "
        "teks yang panjang diberi indentasi lebih dalam dari nama kolomnya",
    ),
    (
        r"mapping values are not allowed",
        False,
        "titik dua (:) yang tidak diharapkan di baris ini",
        'bila titik dua bagian dari isi, beri tanda kutip pada nilainya (tempat: "Aula: lantai 2"); '
        "bila baris ini kolom baru, samakan indentasinya dengan kolom di atasnya",
    ),
    (
        r"sequence entries are not allowed|expected '-' indicator",
        False,
        "butir daftar (-) yang tidak diharapkan di sini, atau indentasinya tidak sama dengan butir lain",
        "mulai daftar di baris setelah nama kolomnya (peserta:), setiap butir dengan indentasi yang "
        "sama: dua spasi, tanda -, spasi, lalu isinya",
    ),
    (
        r"block mapping|expected <block end>",
        False,
        "baris ini tidak dapat dibaca sebagai kolom: indentasinya tidak sejajar dengan kolom di atasnya, "
        "atau ada teks setelah tanda kutip penutup atau setelah [ ] / { }",
        "samakan indentasinya dengan kolom lain pada tingkat yang sama; bila nilai memuat tanda kutip, "
        "[ ] atau { } di tengah teks, beri tanda kutip pada seluruh nilai",
    ),
    (
        r"cannot start any token",
        False,
        "nilai diawali karakter yang tidak boleh mengawali nilai tanpa tanda kutip (seperti @ atau `)",
        'beri tanda kutip pada nilainya (judul: "@camat")',
    ),
    (
        r"block scalar",
        True,
        "setelah | atau > di baris ini hanya boleh ada akhir baris",
        "tulis teksnya mulai baris berikutnya, dengan indentasi lebih dalam dari nama kolomnya",
    ),
    (
        r"single document|another document",
        False,
        "diharapkan satu catatan dalam satu berkas, ditemukan pemisah --- dan catatan berikutnya",
        "pindahkan catatan berikutnya ke berkas sendiri, atau hapus baris ---",
    ),
    (
        r"document start|directive",
        False,
        "baris yang diawali % (perintah YAML) tidak dipakai dalam catatan",
        "hapus baris itu",
    ),
)
GENERIC_HINT = (
    "periksa titik dua setelah nama kolom, tanda kutip yang belum ditutup, dan indentasi (spasi, bukan "
    "tab) pada baris ini atau baris sebelumnya"
)


def explain(error: yaml.MarkedYAMLError) -> Explained:
    """What `error` means, on which line (from 1), and how to fix it."""
    words = f"{error.context or ''}: {error.problem or ''}"
    opened = error.context_mark or error.problem_mark
    gave_up = error.problem_mark or error.context_mark
    for pattern, at_opening, message, hint in _KNOWN:
        if re.search(pattern, words):
            mark = opened if at_opening else gave_up
            return Explained(mark.line + 1 if mark else 1, message, hint)
    # Unknown to the table: the reader's words, marked as such, at the line where it gave up.
    told = ", ".join(part for part in (error.context, error.problem) if part)
    return Explained(
        gave_up.line + 1 if gave_up else 1, f"pembaca YAML berhenti di baris ini ({told})", GENERIC_HINT
    )
