"""Scaffold: `musrenbang baru rapat|usulan|wilayah` writes a new record with the next free id.

Answers come from flags, or from questions when a flag is missing. Each answer is read by the field's
own parser (the one the checks use) and by the rules a new record must meet (a recorded region, a
recorded OPD), so the file written passes `musrenbang check`. Nothing is printed here: the CLI passes
`ask` and `tell`. The file itself is laid out by `form.py`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.error import Mark
from yaml.nodes import ScalarNode

from . import form, model, regions, schema
from .fields import INVALID, Context, Parser, record
from .load import load
from .problems import MusrenbangError, Problem

Ask = Callable[[str], "str | None"]  # a question → the answer, or None when no answer can come
Tell = Callable[[str, str], None]  # (what is wrong, hint) about an answer that cannot be used
Found = tuple[str, str] | None  # a problem with an answer: (message, hint)

KINDS = ("rapat", "usulan", "wilayah")
# How a meeting's kind appears in its id, following the ids in use (2023-musrenbangkel-margodadi).
SHORT_JENIS = {
    "musrenbang-kelurahan": "musrenbangkel",
    "musrenbang-desa": "musrenbangdes",
    "musrenbang-kecamatan": "musrenbangcam",
    "musrenbang-kabupaten": "musrenbangkab",
    "lainnya": "rapat",
}
NEXT_STEP = "Langkah berikutnya: isi kolom yang kosong, lalu jalankan musrenbang check"


class Unanswered(MusrenbangError):
    """A question got no answer: no flag was given and the input ended."""

    def __init__(self, flags: list[str]):
        super().__init__("pertanyaan tidak terjawab; berikan " + ", ".join(f"--{_dash(f)}" for f in flags))


class BadFlag(MusrenbangError):
    """A flag's value cannot be used."""


class Exists(MusrenbangError):
    """The file to write is already there: it is never overwritten."""

    def __init__(self, path: Path):
        super().__init__(f"{path} sudah ada; berkas tidak ditimpa")
        self.path = path


@dataclass(frozen=True)
class Known:
    """What the content folder holds: regions (code → name), OPD ids, ids and file names per kind."""

    wilayah: Mapping[str, str]
    opd: frozenset[str]
    taken: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Question:
    flag: str  # the argparse destination: tahun_rencana is --tahun-rencana
    target: str  # the field the answer fills; riwayat.tanggal is in the first item of riwayat
    prompt: str
    parser: Parser
    default: Callable[[dict[str, Any]], str] | None
    rule: Callable[[Any, dict[str, Any], Known], Found] | None


def _dash(flag: str) -> str:
    return flag.replace("_", "-")


def _recorded(value: str, answers: dict[str, Any], known: Known) -> Found:
    if value in known.wilayah:
        return None
    return (
        f"diharapkan wilayah yang tercatat, ditemukan {value!r} yang tidak ada",
        f"buat dulu catatannya: musrenbang baru wilayah --kode {value}",
    )


def _kelurahan(value: str, answers: dict[str, Any], known: Known) -> Found:
    if regions.level(value) != 4:
        return (f"diharapkan kode kelurahan/desa (4 bagian), ditemukan {value!r}", 'contoh: "18.72.05.1004"')
    return _recorded(value, answers, known)


def _opd(value: str, answers: dict[str, Any], known: Known) -> Found:
    if value in known.opd:
        return None
    listed = ", ".join(sorted(known.opd)) or "belum ada; buat catatan OPD di content/opd/"
    return (f"diharapkan opd yang tercatat, ditemukan {value!r} yang tidak ada", f"pilihan: {listed}")


def _not_before(value: int, answers: dict[str, Any], known: Known) -> Found:
    year = answers["tanggal"].year
    if value >= year:
        return None
    return (
        f"diharapkan tahun {year} atau sesudahnya, ditemukan {value}",
        "rapat tahun N merencanakan pembangunan tahun N+1",
    )


def _official(value: str, answers: dict[str, Any], known: Known) -> Found:
    if regions.official(value) is not None:
        return None
    return (
        f"diharapkan kode wilayah Kemendagri yang terdaftar, ditemukan {value!r}",
        "periksa kode pada daftar kode wilayah Kemendagri (Kepmendagri 300.2.2-2138/2025)",
    )


def _next_year(answers: dict[str, Any]) -> str:
    return str(answers["tanggal"].year + 1)


# Per kind, in the order asked: (flag, field it fills, question, default, extra rule).
ASKED: dict[str, tuple[tuple[str, str, str, Any, Any], ...]] = {
    "rapat": (
        ("jenis", "jenis", "Jenis rapat", None, None),
        ("wilayah", "wilayah", 'Kode wilayah tempat rapat, contoh "18.72.05.1004"', None, _recorded),
        ("tanggal", "tanggal", "Tanggal rapat (TTTT-BB-HH)", None, None),
        ("mulai", "mulai", 'Jam mulai, contoh 13.00, atau "tidak diketahui"', None, None),
        ("tempat", "tempat", 'Tempat rapat, atau "tidak diketahui"', None, None),
        ("tahun_rencana", "tahun_rencana", "Tahun anggaran yang direncanakan", _next_year, _not_before),
    ),
    "usulan": (
        ("wilayah", "wilayah", 'Kode kelurahan/desa lokasi usulan, contoh "18.72.05.1004"', None, _kelurahan),
        ("judul", "judul", "Judul usulan", None, None),
        ("permasalahan", "permasalahan", "Masalah yang ingin diatasi", None, None),
        ("jenis", "jenis", "Jenis usulan", None, None),
        ("bidang", "bidang", "Bidang usulan", None, None),
        ("urusan", "urusan", "Kode urusan, contoh 1.03", None, None),
        ("opd", "opd_tujuan_awal", "Kode pengenal OPD yang dituju, contoh dpupr-metro", None, _opd),
        ("volume", "volume", "Volume, contoh 35", None, None),
        ("satuan", "satuan", "Satuan volume, contoh meter", None, None),
        ("biaya", "perkiraan_biaya", "Perkiraan biaya dalam rupiah, angka saja", None, None),
        ("tahap", "riwayat.tahap", "Tahap saat usulan dicatat", lambda answers: "rembug-warga", None),
        ("tanggal", "riwayat.tanggal", "Tanggal usulan dicatat (TTTT-BB-HH)", None, None),
        ("tahun_rencana", "tahun_rencana", "Tahun anggaran yang direncanakan", _next_year, None),
    ),
    "wilayah": (("kode", "kode", 'Kode wilayah Kemendagri, contoh "18.72.05.1004"', None, _official),),
}


def _parser(cls: type, target: str) -> Parser:
    """The parser of a field, `riwayat.tanggal` being the field of the items of `riwayat`."""
    name, _, rest = target.partition(".")
    found = next(f for f in dataclasses.fields(cls) if f.name == name).metadata["parser"]  # type: ignore[arg-type]
    if not rest:
        return found  # type: ignore[no-any-return]
    return _parser(found.table_schema["items"].table_schema["record"], rest)


def questions(kind: str) -> list[Question]:
    """The questions `musrenbang baru KIND` asks, in order; each has its flag."""
    found = []
    for flag, target, prompt, default, rule in ASKED[kind]:
        parser = _parser(model.KINDS[kind], target)
        if "labels" in parser.table_schema:  # type: ignore[attr-defined]
            prompt += f" ({form.choices(parser)})"
        found.append(Question(flag, target, prompt, parser, default, rule))
    return found


def _known(content: Path) -> Known:
    records, _ = load(content)
    taken = {}
    for kind in model.KINDS:
        folder = content / kind
        stems = {p.stem for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()
        ids = {getattr(r, "id", None) or r.kode for r in getattr(records, kind)}
        taken[kind] = frozenset(stems | ids | records.unparsed_ids)
    return Known({w.kode: w.nama for w in records.wilayah}, frozenset(o.id for o in records.opd), taken)


def _read(question: Question, text: str, answers: dict[str, Any], known: Known) -> tuple[Any, Found]:
    """The answer read by the field's parser, then by the question's rule: (value, problem)."""
    if not text.strip():
        return INVALID, ("diharapkan jawaban, ditemukan jawaban kosong", "tulis jawabannya lalu tekan Enter")
    problems: list[Problem] = []
    node = ScalarNode("tag:yaml.org,2002:str", text.strip(), Mark("jawaban", 0, 0, 0, None, 0))
    value = question.parser(node, question.target, Context("jawaban", problems))
    if value is INVALID:
        return INVALID, (problems[0].message, problems[0].hint)
    return value, question.rule(value, answers, known) if question.rule else None


def _answers(
    kind: str, flags: Mapping[str, str | None], known: Known, ask: Ask, tell: Tell
) -> tuple[dict[str, Any], dict[str, str]]:
    """(values read, by flag; the text to write, by field)."""
    answers: dict[str, Any] = {}
    texts: dict[str, str] = {}
    asked = questions(kind)
    for number, question in enumerate(asked):
        given = flags.get(question.flag)
        while True:
            default = question.default(answers) if question.default else None
            text, ended = given, False
            if text is None:
                text = ask(f"{question.prompt}{f' [{default}]' if default else ''}: ")
                ended = text is None
                if ended and not default:
                    missing = [q for q in asked[number:] if flags.get(q.flag) is None and not q.default]
                    raise Unanswered([question.flag, *(q.flag for q in missing if q != question)])
                if text is None or not text.strip():
                    text = default or ""
            value, problem = _read(question, text, answers, known)
            if problem and ended:
                raise Unanswered([question.flag])  # the default does not fit and no answer can come
            if problem is None:
                answers[question.flag], texts[question.target] = value, text.strip()
                break
            if given is not None:
                raise BadFlag(f"--{_dash(question.flag)}: {problem[0]}\n    petunjuk: {problem[1]}")
            tell(*problem)
    return answers, texts


def _header(content: Path, kind: str, path: Path, title: str) -> list[str]:
    return [
        schema.modeline(content, kind, path),
        f"# {title}, dibuat dengan `musrenbang baru`. Kolom (wajib) harus diisi; kolom (boleh kosong)",
        "# boleh dibiarkan kosong. Semua kolom dan pilihannya dijelaskan di halaman Panduan Petugas situs.",
    ]


def _slug(kode: str, known: Known) -> str:
    found = regions.official(kode)
    return regions.slug(known.wilayah.get(kode) or (found.nama if found else kode))


def _plan(
    kind: str, content: Path, answers: dict[str, Any], texts: dict[str, str], known: Known
) -> list[tuple[Path, str]]:
    """Every file to write, as (path, text)."""
    if kind == "rapat":
        year = answers["tanggal"].year
        base = (
            f"{year}-{SHORT_JENIS.get(answers['jenis'], answers['jenis'])}-{_slug(answers['wilayah'], known)}"
        )
        ident, number = base, 1
        while ident in known.taken["rapat"]:
            number += 1
            ident = f"{base}-{number}"
        path = content / "rapat" / str(year) / f"{ident}.yaml"
        return [
            (
                path,
                form.document(
                    model.Rapat, {"id": ident, **texts}, _header(content, kind, path, "Rapat baru")
                ),
            )
        ]
    if kind == "usulan":
        prefix = f"{answers['tahun_rencana']}-{_slug(answers['wilayah'], known)}-"
        pattern = re.escape(prefix) + r"(\d+)"
        used = [int(m.group(1)) for t in known.taken["usulan"] if (m := re.fullmatch(pattern, t))]
        ident = f"{prefix}{max(used, default=0) + 1:03d}"
        path = content / "usulan" / str(answers["tanggal"].year) / f"{ident}.yaml"
        texts = {"id": ident, **texts, "riwayat.keputusan": "diusulkan"}
        return [(path, form.document(model.Usulan, texts, _header(content, kind, path, "Usulan baru")))]
    kode = answers["kode"]
    planned = []
    for code in [kode[: m.start()] for m in re.finditer(r"\.", kode)] + [kode]:
        found = regions.official(code)
        if found is None or (code != kode and code in known.taken["wilayah"]):
            continue  # a recorded parent; the parents of an official code are official
        path = content / "wilayah" / f"{code}.yaml"
        header = _header(content, kind, path, "Wilayah baru")
        header.insert(1, f"# Wilayah: {regions.label(found.jenis, found.nama)}")
        planned.append((path, form.document(model.Wilayah, {"kode": code, "nama": found.nama}, header)))
    return planned


def create(kind: str, content: Path, flags: Mapping[str, str | None], ask: Ask, tell: Tell) -> list[Path]:
    """Ask what is missing, then write the new record (and, for a region, its parents not recorded
    yet). Returns the files written, parents first. Never overwrites a file."""
    known = _known(content)
    answers, texts = _answers(kind, flags, known, ask, tell)
    planned = _plan(kind, content, answers, texts, known)
    for path, text in planned:
        if path.exists():
            raise Exists(path)
        problems: list[Problem] = []
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        assert root is not None
        parsed = record(model.KINDS[kind])(root, "", Context(path.name, problems))
        assert parsed is not INVALID, problems  # every answer was read by the same parsers
    for path, text in planned:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return [path for path, _ in planned]
