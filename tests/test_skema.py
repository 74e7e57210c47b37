"""The editors' JSON Schemas: generated from the model, committed without drift, valid draft 2020-12,
true to the shipped records, strict with broken ones, and never stricter than our own loader.

Records are read as the YAML language server reads them (YAML 1.2, see `tests/editor_yaml.py`):
dates and `ya` stay text, an unquoted `13.00` is a number. Formats (`date`, `uri`) are annotations
here, as in the editors; our own checks are the authority on dates that exist.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model, schema
from generator.cli import main
from generator.fields import INVALID, Context, record
from generator.render import render
from tests.conftest import CONTENT, ROOT
from tests.editor_yaml import load

VALIDATORS = {kind: jsonschema.Draft202012Validator(schema.kind_schema(kind)) for kind in model.KINDS}
RECORDS = sorted(
    (kind, path.relative_to(CONTENT).as_posix())
    for kind in model.KINDS
    for path in (CONTENT / kind).rglob("*.yaml")
)


def _ours(kind: str, text: str) -> bool:
    """Whether our own loader's field checks accept the record (references are not the schema's job)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    return record(model.KINDS[kind])(root, "", Context("x.yaml", [])) is not INVALID


def _errors(kind: str, text: str) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in VALIDATORS[kind].iter_errors(load(text))
    ]


@pytest.mark.parametrize("kind", list(model.KINDS))
def test_each_schema_is_valid_draft_2020_12(kind: str) -> None:
    document = schema.kind_schema(kind)
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["additionalProperties"] is False
    declared = [f.name for f in dataclasses.fields(model.KINDS[kind]) if "parser" in f.metadata]
    assert sorted(document["properties"]) == sorted(declared)
    assert "musrenbang check" in document["description"]


def _patterns(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in ([v] if k == "pattern" else _patterns(v))]
    return [p for v in value for p in _patterns(v)] if isinstance(value, list) else []


def _ecmascript_escapes_ok(pattern: str) -> bool:
    """Editors compile patterns as ECMAScript regular expressions in unicode mode, which refuses an
    escaped character that is not a syntax character (`\\ `, `\\"`, `\\-` outside a class)."""
    allowed = set("^$\\.*+?()[]{}|/dDsSwWbBfnrtv0123456789xucpPk")
    in_class, index = False, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1]
            if following not in allowed and not (in_class and following == "-"):
                return False
            index += 2
            continue
        in_class = (in_class or char == "[") and char != "]"
        index += 1
    return True


@pytest.mark.parametrize("kind", list(model.KINDS))
def test_patterns_are_ecmascript_for_the_editors(kind: str) -> None:
    patterns = _patterns(schema.kind_schema(kind))
    assert patterns and all(_ecmascript_escapes_ok(p) for p in patterns)
    assert not _ecmascript_escapes_ok(r"^[Tt]idak\ [Dd]iketahui$")
    node = shutil.which("node")
    if node:  # the real thing, where Node.js is installed
        script = "for (const p of JSON.parse(require('fs').readFileSync(0))) new RegExp(p, 'u')"
        subprocess.run([node, "-e", script], input=json.dumps(patterns), text=True, check=True)


def test_committed_schemas_are_the_generated_ones() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (CONTENT / schema.FOLDER).iterdir()}
    assert committed == schema.files(), "content/skema/ is stale: run `musrenbang skema` and commit"


def test_schema_files_are_deterministic_sorted_json() -> None:
    for name, text in schema.files().items():
        assert text.endswith("}\n") and "\r" not in text
        assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text, name
    assert schema.files() == schema.files()


@pytest.mark.parametrize("kind, relative", RECORDS, ids=[r[1] for r in RECORDS])
def test_every_shipped_record_points_at_its_schema_and_validates(kind: str, relative: str) -> None:
    text = (CONTENT / relative).read_text(encoding="utf-8")
    depth = "../" * (relative.count("/"))
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={depth}skema/{kind}.schema.json"
    assert _errors(kind, text) == []


MARGODADI = "rapat/2023/2023-musrenbangkel-margodadi.yaml"
USULAN = "usulan/2023/contoh-2024-margodadi-001.yaml"
# (what is broken, record, the line or block broken (a pattern), written instead, a piece of the error)
BROKEN = [
    ("unknown key", MARGODADI, r"tempat: Aula", "tempt: Balai Warga\ntempat: Aula", "'tempt' was unexpected"),
    ("wrong choice", MARGODADI, r"jenis: .*", "jenis: musrenbangkel", "jenis: 'musrenbangkel' is not one of"),
    ("missing required field", MARGODADI, r"tahun_rencana: .*\n", "", "'tahun_rencana' is a required"),
    ("bad region code", MARGODADI, r"wilayah: .*", 'wilayah: "18.72.5.1004"', "wilayah: '18.72.5.1004'"),
    ("region code in words", MARGODADI, r"wilayah: .*", "wilayah: margodadi", "wilayah: 'margodadi'"),
    ("list for a text", MARGODADI, r"tempat: .*", "tempat: [Aula, Balai]", "tempat: ['Aula', 'Balai']"),
    (
        "text for a list",
        MARGODADI,
        r"peserta:\n(  - .*\n)+",
        "peserta: walikota-metro\n",
        "peserta: 'walikota",
    ),
    (
        "amount with Rp",
        USULAN,
        r"perkiraan_biaya: .*",
        "perkiraan_biaya: Rp. 86.919.619,-",
        "perkiraan_biaya: 'Rp",
    ),
    ("negative amount", USULAN, r"perkiraan_biaya: .*", "perkiraan_biaya: -5", "-5 is less than"),
    ("unknown key in a list item", USULAN, r"    keputusan: ", "    keptusan: ", "riwayat/0: Additional"),
    (
        "empty status history",
        USULAN,
        r"riwayat:\n(  .*\n)+",
        "riwayat: []\n",
        "riwayat: [] should be non-empty",
    ),
    ("yes/no that is neither", USULAN, r"contoh: ya", "contoh: mungkin", "contoh: 'mungkin' does not match"),
    ("date in words", MARGODADI, r"tanggal: .*", "tanggal: 1 Februari 2023", "tanggal: '1 Februari 2023'"),
    ("time in words", MARGODADI, r"mulai: .*", "mulai: jam satu", "mulai: 'jam satu' does not match"),
    (
        "two lines in a one-line text",
        MARGODADI,
        r"tempat: .*",
        'tempat: "Aula\\nBalai"',
        "tempat: 'Aula\\nBalai'",
    ),
    ("empty text", MARGODADI, r"tempat: .*", 'tempat: ""', "tempat: '' does not match"),
    ("nothing in a required field", MARGODADI, r"tempat: .*", "tempat:", "tempat: None is not of type"),
    (
        "address without scheme",
        MARGODADI,
        r"sumber:\n",
        "sumber:\n  - judul: x\n    url: www.metro.go.id\n",
        "url",
    ),
    ("invisible character", USULAN, r"judul: .*", 'judul: "Pem\\u0007bangunan"', "judul: 'Pem\\x07bangunan'"),
    ("urusan that does not exist", USULAN, r"urusan: .*", 'urusan: "1.33"', "urusan: '1.33' is not one of"),
]


@pytest.mark.parametrize("name, relative, old, new, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_records_are_rejected(name: str, relative: str, old: str, new: str, expected: str) -> None:
    kind = relative.split("/")[0]
    text, count = re.subn(old, lambda _: new, (CONTENT / relative).read_text(encoding="utf-8"), count=1)
    assert count == 1, old
    errors = _errors(kind, text)
    assert any(expected in e for e in errors), errors
    assert not _ours(kind, text), "our loader rejects it too"


def test_optional_fields_may_be_left_empty_and_unquoted_numbers_are_read_as_written() -> None:
    text = (CONTENT / MARGODADI).read_text(encoding="utf-8")
    text = text.replace("mulai: tidak diketahui", "mulai: 13.00\nselesai:\nzona_waktu:\njudul:\nagenda: []")
    text = text.replace('wilayah: "18.72.05.1004"', "wilayah: 18.72.05.1004")
    assert _ours("rapat", text) and _errors("rapat", text) == []
    usulan = (CONTENT / USULAN).read_text(encoding="utf-8")
    usulan = usulan.replace('urusan: "1.03"', "urusan: 1.03").replace('rt: "008"', "rt: 008")
    usulan = usulan.replace("perkiraan_biaya: 86919619", 'perkiraan_biaya: "86_919_619"')
    assert _ours("usulan", usulan) and _errors("usulan", usulan) == []


# Property: whatever record our loader accepts, the schema accepts too.


def _plain_or_quoted(text: str) -> st.SearchStrategy[str]:
    quoted = json.dumps(text, ensure_ascii=False)
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .,_/-]*", text) and not text.endswith(" "):
        return st.sampled_from([text, quoted])
    return st.just(quoted)


TEXTS = [
    "Balai Warga",
    "Aula Kelurahan",
    "2024",
    "ya",
    "13.00",
    "Jl. Merdeka No. 5",
    "tidak diketahui",
    "true",
]
# Written values that our parsers read in different ways, right and wrong, per kind of value.
WORDS = {
    "date": ["2023-02-01", "2024-12-31", "2023-02-30", "1 Februari 2023", "2023-2-1"],
    "integer": ["0", "12", "1_000", "-5", "008", "Rp 5.000", "12.0", "99999999999999999"],
    "number": ["35", "2.5", "2,5", ".5", "1e3", "-1", "0", "1_000.5", "dua"],
    "clock": [
        "13.00",
        "7:05",
        "07.30",
        "23.59",
        "24.00",
        "13.5",
        "tidak diketahui",
        "Selesai",
        "selesai",
        "jam 1",
    ],
    "url": [
        "https://metrokota.go.id/berita",
        "http://contoh.id",
        "HTTPS://A.ID/x",
        "ftp://x.id",
        "https://",
        "www.x",
    ],
    "boolean": ["ya", "Tidak", "true", "False", "yes", "NO", "mungkin", "on", "1"],
}


def _mostly(good: st.SearchStrategy[str], other: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Mostly `good` (so that whole records often pass), sometimes `other`; then plain or quoted."""
    return st.integers(0, 9).flatmap(lambda n: other if n == 5 else good).flatmap(_plain_or_quoted)


def _value(parser: Any) -> st.SearchStrategy[Any]:
    """YAML source for one value: a token, a list of values or a mapping of field → value."""
    ts = parser.table_schema
    if ts["type"] == "object":
        return _record(ts["record"])
    if "items" in ts:
        return st.lists(_value(ts["items"]), min_size=ts["min_items"], max_size=3)
    constraints = ts.get("constraints", {})
    if "enum" in constraints:
        options = list(constraints["enum"])
        return _mostly(st.sampled_from(options), st.sampled_from(["lainnya-x", options[0].upper(), " "]))
    if ts["type"] == "integer":
        high = min(constraints["maximum"], 10**6)
        numbers = st.integers(constraints["minimum"], high).map(str)
        return _mostly(numbers, st.sampled_from(WORDS["integer"]))
    if ts["type"] == "string" and "words" in ts:
        return _mostly(st.sampled_from(WORDS["clock"][:3]), st.sampled_from(WORDS["clock"]))
    if ts["type"] in WORDS:
        return _mostly(st.sampled_from(WORDS[ts["type"]][:3]), st.sampled_from(WORDS[ts["type"]]))
    if ts.get("format") == "uri":
        return _mostly(st.sampled_from(WORDS["url"][:3]), st.sampled_from(WORDS["url"]))
    if "pattern" in constraints:
        return _mostly(st.from_regex(constraints["pattern"], fullmatch=True), st.text(max_size=12))
    free = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
    return _mostly(st.sampled_from(TEXTS), free)


def _record(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    fields = [f for f in dataclasses.fields(cls) if "parser" in f.metadata]
    required = {f.name: _value(f.metadata["parser"]) for f in fields if f.metadata["required"]}
    optional = {
        f.name: st.one_of(st.none(), _value(f.metadata["parser"]))
        for f in fields
        if not f.metadata["required"]
    }
    return st.fixed_dictionaries(required, optional=optional)


def _yaml(mapping: dict[str, Any], indent: str = "") -> list[str]:
    lines = []
    for key, value in mapping.items():
        if isinstance(value, dict):
            lines += [f"{indent}{key}:", *_yaml(value, indent + "  ")]
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:" + ("" if value else " []"))
            for item in value:
                if isinstance(item, dict):
                    inner = _yaml(item, indent + "    ")
                    lines += [f"{indent}  - {inner[0].lstrip()}", *inner[1:]]
                else:
                    lines.append(f"{indent}  - {item}")
        else:
            lines.append(f"{indent}{key}:" + ("" if value is None else f" {value}"))
    return lines


ACCEPTED: dict[str, int] = {}


@pytest.mark.parametrize("kind", list(model.KINDS))
def test_what_our_loader_accepts_the_schema_accepts(kind: str) -> None:
    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=_record(model.KINDS[kind]))
    def check(data: dict[str, Any]) -> None:
        text = "\n".join(_yaml(data)) + "\n"
        try:
            accepted = _ours(kind, text)
        except yaml.YAMLError:
            return  # not YAML at all (a character YAML refuses): nothing to compare
        if accepted:
            ACCEPTED[kind] = ACCEPTED.get(kind, 0) + 1
            assert _errors(kind, text) == [], text

    check()
    assert ACCEPTED.get(kind, 0) >= 5, "too few accepted examples to mean anything"


# The command and the published copies


def test_skema_command_writes_the_schemas_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    content.mkdir()
    assert main(["skema", "--content", str(content)]) == 0
    first = capsys.readouterr().out
    kinds = list(model.KINDS)
    assert first == "".join(f"Diperbarui: content/skema/{k}.schema.json\n" for k in kinds) + (
        "Skema editor di content/skema: 6 berkas, 6 diperbarui.\n"
    )
    written = {p.name: p.read_bytes() for p in (content / "skema").iterdir()}
    assert written == {name: text.encode("utf-8") for name, text in schema.files().items()}
    assert main(["skema", "--content", str(content)]) == 0
    assert capsys.readouterr().out == "Skema editor di content/skema: 6 berkas, 0 diperbarui.\n"


def test_the_site_publishes_the_schemas() -> None:
    from generator.build import check_records
    from generator.catalog import build_catalog

    records, _ = check_records(CONTENT)
    data = render(build_catalog(records), CONTENT, records.data_date()).data
    for kind in model.KINDS:
        assert data[f"skema/{kind}.schema.json"] == (CONTENT / "skema" / f"{kind}.schema.json").read_text()


# The editors' own reading: yaml-language-server (installed by `make test` with npm) on real files.

YLS = ROOT / ".cache" / "node_modules"


def _editor(files: list[Path], cwd: Path) -> list[str]:
    node = shutil.which("node")
    if node is None or not (YLS / "yaml-language-server").is_dir():
        message = f"yaml-language-server not found in {YLS}: `make test` installs it with npm (needs Node.js)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    command = [node, str(ROOT / "tests" / "editor_check.js"), *(str(f.relative_to(cwd)) for f in files)]
    done = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, "NODE_PATH": str(YLS)},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_the_yaml_language_server_reads_the_records_as_the_schema_says(content: Path) -> None:
    shipped = sorted(p for kind in model.KINDS for p in (content / kind).rglob("*.yaml"))
    assert _editor(shipped, content.parent) == [], "the editor flags nothing in the shipped records"
    rapat, usulan = content / MARGODADI, content / USULAN
    for path, edits in (
        (rapat, [(r"tempat: Aula", "tempt: x\ntempat: Aula"), (r"jenis: .*", "jenis: musrenbangkel"),
                 (r"mulai: .*", "mulai: 13.00"), (r"hari: .*", "hari: rabu")]),
        (usulan, [(r"urusan: .*", "urusan: 1.03"), (r'rt: .*', "rt: 008"), (r"contoh: ya", "contoh: mungkin"),
                  (r"perkiraan_biaya: .*", "perkiraan_biaya: Rp 5.000")]),
    ):  # fmt: skip
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            text = re.sub(old, lambda _, new=new: new, text, count=1)
        path.write_text(text, encoding="utf-8")
    assert sorted(_editor([rapat, usulan], content.parent)) == [
        f"content/{MARGODADI}:3: Value is not accepted. Valid values: "
        + ", ".join(f'"{v}"' for v in model.vocab.JENIS_RAPAT)
        + ".",
        f"content/{MARGODADI}:6: Value is not accepted. Valid values: "
        + ", ".join(f'"{d}"' for d in model.HARI)
        + ", null.",
        f"content/{MARGODADI}:8: Property tempt is not allowed.",
        f"content/{USULAN}:17: tulis angka saja tanpa titik, koma atau 'Rp' (contoh: 86919619)",
        f"content/{USULAN}:4: tulis ya atau tidak",
    ]  # unquoted 13.00, 1.03 and 008 are read as numbers, and accepted as our parsers accept them
