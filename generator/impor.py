"""`musrenbang impor`: proposals from a SIPD or e-Musrenbang sheet (.xlsx, .csv) into usulan records.

Gather and check everything first, then write: `plan` reads every row, matches it to the record that
already carries its ID Usulan (`kode_sipd`), and decides per row: create, update, unchanged, refused or
skipped (a blank or heading row). Every planned record is written to YAML in memory, read back with
the same loader as `musrenbang check` and checked together with all other records; a row whose record
would not pass is refused with the check's own message. `write` then writes the planned files, each
replaced in one step. Nothing is written for an unchanged record, so re-importing a sheet changes no
byte. On update a filled cell overwrites its field and an empty cell never erases one; fields the
sheet has no column for (photos, meetings cited in the history, hand-made corrections of guessed
fields) are kept, and history steps are only added, never re-dated.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import columns, sheets, yamlread, yamlwrite
from .check import check
from .cleaning import Cell
from .fields import INVALID, Context, Origin, record
from .load import Records, load
from .lookup import Lookup
from .model import Riwayat, Usulan
from .problems import MusrenbangError, Problem, RecordsInvalid, relative
from .rows import Draft, Options, Reason, read_row

BUAT, PERBARUI, TETAP, DITOLAK, DILEWATI = "buat", "perbarui", "tidak berubah", "ditolak", "dilewati"
HEADER = (
    "Diimpor dari {source} dengan `musrenbang impor`.\n"
    "Kolom yang berasal dari lembar ditimpa pada impor berikutnya; kolom lain tetap."
)
# Record fields whose messages are better named by the sheet column they came from.
FIELD_COLUMN = {"wilayah": "kelurahan", "volume": "koefisien", "satuan": "koefisien"}


class SheetInvalid(MusrenbangError):
    """The sheet cannot be imported at all (no header row, a required column missing, a bad map file)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} masalah pada lembar")
        self.problems = problems


@dataclass(frozen=True)
class Step:
    """What happens to one row."""

    row: int
    action: str
    file: str = ""
    changed: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    guessed: str = ""
    path: Path | None = None
    text: str = ""


@dataclass(frozen=True)
class Plan:
    source: str
    note: str
    header_row: int
    unknown: tuple[str, ...]
    unused: tuple[str, ...]
    steps: tuple[Step, ...]
    problems: tuple[Problem, ...] = ()  # new problems in records no row writes: nothing may be written

    def count(self, action: str) -> int:
        return sum(s.action == action for s in self.steps)


def plan(sheet: Path, content: Path, options: Options, peta: Path | None = None) -> Plan:
    tables = sheets.read(sheet)
    mapping, problems = columns.read_peta(peta) if peta else ({}, [])
    if problems:
        raise SheetInvalid(problems)
    scored = [(columns.find_header(t, mapping), t) for t in tables]
    (index, known), table = max(scored, key=lambda s: s[0][1])
    if known < 3:
        raise SheetInvalid([_no_header(sheet)])
    layout, problems = columns.layout(table, index, mapping)
    if problems:
        raise SheetInvalid(problems)
    records, problems = load(content)
    problems += check(records, content)
    if any(not p.warning for p in problems):
        raise RecordsInvalid(sorted(p for p in problems if not p.warning))
    lookup = Lookup.of(records)
    steps: dict[int, Step] = {}
    drafts: list[Draft] = []
    body = table.rows[index + 1 :]
    filled = [i for i, (_, cells) in enumerate(body) if any(c is not None for c in cells)]
    for number, cells in body[: filled[-1] + 1] if filled else ():
        skipped = _skipped(cells, layout)
        if skipped:
            steps[number] = Step(number, DILEWATI, reasons=(Reason(skipped),))
            continue
        result = read_row(number, cells, layout, lookup, options)
        if isinstance(result, Draft):
            drafts.append(result)
        else:
            steps[number] = Step(number, DITOLAK, reasons=tuple(result))
    drafts = _unique(drafts, layout, steps)
    header = HEADER.format(source=table.name)
    planned = [_planned(d, records, content, header, layout) for d in drafts]
    done, problems = _cross_check(records, content, planned, layout)
    steps.update({step.row: step for step in done})
    return Plan(
        table.name,
        table.note,
        layout.header_row,
        layout.unknown,
        layout.unused,
        tuple(steps[n] for n in sorted(steps)),
        tuple(problems),
    )


def _no_header(sheet: Path) -> Problem:
    return Problem(
        sheet.name,
        1,
        "",
        "baris judul kolom tidak ditemukan: diharapkan judul seperti 'ID Usulan', 'Usulan', 'Kelurahan' "
        "pada 30 baris pertama",
        "periksa bahwa ini lembar daftar usulan; judul kolom kota sendiri ditulis di berkas peta (--peta)",
    )


def _skipped(cells: tuple[Cell, ...], layout: columns.Layout) -> str:
    """Why a row is not a proposal (blank, or a heading or total row), or "" when it is one."""
    values = [c for c in cells if c is not None]
    if not values:
        return "baris kosong"
    if any(columns.cell(cells, layout.columns, k) is not None for k in ("kode_sipd", "judul")):
        return ""
    return f"bukan baris usulan (ID Usulan dan Usulan kosong): {str(values[0])[:40]!r}"


def _unique(drafts: list[Draft], layout: columns.Layout, steps: dict[int, Step]) -> list[Draft]:
    """Rows sharing an ID Usulan are all refused: which one is right is for staff to say."""
    rows: dict[str, list[int]] = {}
    for d in drafts:
        rows.setdefault(d.kode_sipd, []).append(d.row)
    for d in drafts:
        others = [str(n) for n in rows[d.kode_sipd] if n != d.row]
        if others:
            message = (
                f"{layout.headers['kode_sipd']}: {d.kode_sipd!r} juga dipakai di baris {', '.join(others)}"
            )
            hint = "satu usulan satu baris: hapus baris ganda atau perbaiki ID Usulan-nya"
            steps[d.row] = Step(d.row, DITOLAK, reasons=(Reason(message, hint),))
    return [d for d in drafts if len(rows[d.kode_sipd]) == 1]


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _planned(
    draft: Draft, records: Records, content: Path, header: str, layout: columns.Layout
) -> tuple[Step, Usulan | None]:
    """The record a row makes or updates, written and read back; None when nothing is to be written."""
    old = next((u for u in records.usulan if u.kode_sipd == draft.kode_sipd), None)
    guessed = ""
    if old is None:
        tahun = draft.owned["tahun_rencana"]
        new = Usulan(
            id=f"{tahun}-{slug(draft.wilayah.nama)}-sipd-{slug(draft.kode_sipd)}",
            kode_sipd=draft.kode_sipd,
            riwayat=draft.riwayat,
            **draft.guessed,
            **draft.owned,
        )
        path = content / "usulan" / str(draft.tanggal_usul.year) / f"{new.id}.yaml"
        guessed = ", ".join(f"{k} {v}" for k, v in draft.guessed.items())
    else:
        values = {**draft.owned, **dict.fromkeys(draft.cleared)}
        new = dataclasses.replace(old, **values, riwayat=merge(old.riwayat, draft.riwayat))
        path = content.parent / old.asal.file  # type: ignore[union-attr]
    file = relative(path, content)
    if old is None and path.exists():
        message = f"berkas {file} sudah ada untuk usulan lain (tanpa kode_sipd {draft.kode_sipd!r})"
        hint = f'tulis `kode_sipd: "{draft.kode_sipd}"` di berkas itu bila usulannya sama'
        return Step(draft.row, DITOLAK, file, reasons=(Reason(message, hint),)), None
    changed = tuple(n for n in _names() if old is not None and getattr(old, n) != getattr(new, n))
    if old is not None and not changed:
        return Step(draft.row, TETAP, file, path=path), None
    text = yamlwrite.dump(new, header)
    document, problems = yamlread.read_bytes(text.encode("utf-8"), path, file)
    ctx = Context(file, problems)
    parsed = record(Usulan)(document.root, "", ctx) if document else INVALID
    if problems or parsed is INVALID:
        return Step(draft.row, DITOLAK, file, reasons=tuple(_reason(p, layout) for p in problems)), None
    assert parsed == new, f"{file}: the written YAML does not read back as the record"
    ctx.lines[""] = 1
    parsed = dataclasses.replace(parsed, asal=Origin(file, dict(ctx.lines)))
    action = BUAT if old is None else PERBARUI
    return Step(draft.row, action, file, changed, (), guessed, path, text), parsed


def _cross_check(
    records: Records, content: Path, planned: list[tuple[Step, Usulan | None]], layout: columns.Layout
) -> tuple[list[Step], list[Problem]]:
    """Check every record as it would be after the import. A row whose file gets a new error is
    refused and the rest checked again; new errors in files no row writes stop the whole import."""
    key = _problem_key
    baseline = {key(p) for p in check(records, content)}
    active = {step.row: (step, new) for step, new in planned if new is not None}
    done = {step.row: step for step, new in planned if new is None}
    while True:
        files = {step.file: row for row, (step, _) in active.items()}
        usulan = tuple(u for u in records.usulan if u.asal.file not in files)  # type: ignore[union-attr]
        trial = dataclasses.replace(records, usulan=usulan + tuple(new for _, new in active.values()))
        found = [p for p in check(trial, content) if key(p) not in baseline]
        bad: dict[int, list[Problem]] = {}
        for p in found:
            if not p.warning and p.file in files:
                bad.setdefault(files[p.file], []).append(p)
        if not bad:
            break
        for row, problems in bad.items():
            step = active.pop(row)[0]
            done[row] = Step(row, DITOLAK, step.file, reasons=tuple(_reason(p, layout) for p in problems))
    for row, (step, _) in active.items():
        warnings = tuple(_reason(p, layout) for p in found if p.warning and p.file == step.file)
        done[row] = dataclasses.replace(step, reasons=warnings)
    elsewhere = [p for p in found if not p.warning and p.file not in files]
    return list(done.values()), elsewhere


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    return problem.file, problem.path, problem.message


def _names() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(Usulan) if "parser" in f.metadata)


def merge(old: tuple[Riwayat, ...], new: tuple[Riwayat, ...]) -> tuple[Riwayat, ...]:
    """The history after an import: steps already recorded keep their date and meeting (the sheet's
    wording updates their label and reason); steps the sheet shows for the first time are added."""
    steps = list(old)
    used: set[int] = set()
    for step in new:
        match = next(
            (
                i
                for i, s in enumerate(steps)
                if i not in used
                and s.keputusan == step.keputusan
                and (s.tahap == step.tahap or step.keputusan == "diusulkan")
            ),
            None,
        )
        if match is None:
            steps.append(step)
            used.add(len(steps) - 1)
            continue
        used.add(match)
        s = steps[match]
        steps[match] = dataclasses.replace(s, label=step.label or s.label, alasan=step.alasan or s.alasan)
    return tuple(steps)


def _reason(problem: Problem, layout: columns.Layout) -> Reason:
    root = re.split(r"[.\[]", problem.path, maxsplit=1)[0]
    key = FIELD_COLUMN.get(root, root)
    where = layout.headers[key] if key in layout.headers and root == problem.path else problem.path
    return Reason(f"{where}: {problem.message}" if where else problem.message, problem.hint, problem.warning)


def write(plan: Plan, content: Path) -> list[Path]:
    """Write the planned records: each file replaced in one step, never outside the content folder."""
    root = content.resolve()
    written = []
    for step in plan.steps:
        if step.action not in (BUAT, PERBARUI) or step.path is None:
            continue
        target = step.path.resolve()
        if not target.is_relative_to(root):
            raise MusrenbangError(f"{step.file}: di luar folder {content}")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.impor")
        temporary.write_text(step.text, encoding="utf-8", newline="\n")
        os.replace(temporary, target)
        written.append(step.path)
    return written


def report(plan: Plan) -> list[str]:
    """The plan row by row, in the words staff read."""
    note = f" ({plan.note})" if plan.note else ""
    rows = sum(s.action != DILEWATI for s in plan.steps)
    lines = [f"Membaca {plan.source}{note}: judul kolom di baris {plan.header_row}, {rows} baris usulan."]
    if plan.unknown:
        lines.append(f"Kolom tidak dikenal, diabaikan: {', '.join(plan.unknown)}")
    if plan.unused:
        lines.append(f"Kolom dikenali tetapi tidak disimpan: {', '.join(plan.unused)}")
    for step in plan.steps:
        where = f"baris {step.row}: {step.action}"
        if step.action in (DITOLAK, DILEWATI):
            for reason in step.reasons:
                lines.append(f"{where}: {reason.message}")
                if reason.hint:
                    lines.append(f"    petunjuk: {reason.hint}")
            continue
        changed = f" ({', '.join(step.changed)})" if step.changed else ""
        lines.append(f"{where} {step.file}{changed}")
        if step.guessed:
            lines.append(f"    ditebak: {step.guessed} (periksa di berkasnya)")
        lines.extend(f"    peringatan: {r.message}" for r in step.reasons)
    return lines


def summary(plan: Plan) -> str:
    counts = (
        (BUAT, "dibuat"),
        (PERBARUI, "diperbarui"),
        (TETAP, "tidak berubah"),
        (DITOLAK, "ditolak"),
        (DILEWATI, "dilewati"),
    )
    return ", ".join(f"{plan.count(action)} {word}" for action, word in counts)
