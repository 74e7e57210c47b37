"""Names in a sheet → the records they mean: kelurahan/desa by `nama` and `nama_lain` (in any case and
spacing, the kecamatan telling two of the same name apart), OPD by `nama`, `singkatan` or id.

Unknown or ambiguous names raise `CellError` with a hint saying which record to add or extend.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from . import regions
from .cleaning import CellError
from .load import Records
from .model import Opd, Wilayah

_REGION_PREFIX = re.compile(r"^(kelurahan|kel|desa|ds|kecamatan|kec|distrik|kemantren)\b\.?\s*")
_CODE_PREFIX = re.compile(r"^[\d.]+\s+")  # SIPD writes "1.03.0.00.0.00.01.0000 Dinas …"
_PLACE_SUFFIX = re.compile(r"\s+(kota|kabupaten|kab)\b.*$")


def squeeze(name: str) -> str:
    """A region name as compared: no prefix, no case, no spaces or punctuation."""
    name = _REGION_PREFIX.sub("", " ".join(name.casefold().split()))
    return re.sub(r"[\W_]+", "", name)


def _opd_key(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", _CODE_PREFIX.sub("", name.strip()).casefold()).split())


@dataclass(frozen=True)
class Lookup:
    kelurahan: dict[str, tuple[Wilayah, ...]]  # squeezed name → kelurahan/desa records
    wilayah: dict[str, Wilayah]  # by code
    opd: dict[str, tuple[Opd, ...]]  # folded name, short name or id → OPD records
    opd_by_id: dict[str, Opd]

    @classmethod
    def of(cls, records: Records) -> Lookup:
        kelurahan: dict[str, list[Wilayah]] = defaultdict(list)
        for w in records.wilayah:
            if regions.level(w.kode) == 4:
                for name in {squeeze(n) for n in (w.nama, *w.nama_lain)}:
                    kelurahan[name].append(w)
        opd: dict[str, list[Opd]] = defaultdict(list)
        for o in records.opd:
            names = {o.id, _opd_key(o.nama), _PLACE_SUFFIX.sub("", _opd_key(o.nama))}
            if o.singkatan:
                names.add(_opd_key(o.singkatan))
            for name in names:
                opd[name].append(o)
        return cls(
            {k: tuple(v) for k, v in kelurahan.items()},
            {w.kode: w for w in records.wilayah},
            {k: tuple(v) for k, v in opd.items()},
            {o.id: o for o in records.opd},
        )

    def region(self, kelurahan: str, kecamatan: str | None) -> Wilayah:
        found = self.kelurahan.get(squeeze(kelurahan), ())
        if not found:
            close = difflib.get_close_matches(squeeze(kelurahan), list(self.kelurahan), n=1, cutoff=0.75)
            maybe = f"mungkin maksudnya {self.kelurahan[close[0]][0].nama!r}? " if close else ""
            raise CellError(
                "nama kelurahan/desa di content/wilayah",
                kelurahan,
                f"{maybe}periksa ejaan, atau tambahkan nama ini ke `nama_lain` pada berkas "
                "content/wilayah/ kelurahan itu (buat berkasnya bila belum ada)",
            )
        if kecamatan:
            within = [w for w in found if self._in_kecamatan(w, kecamatan)]
            if not within and len(found) == 1 and (parent := self._parent(found[0])):
                raise CellError(
                    f"{parent.nama!r} (kecamatan {found[0].nama}) atau kosong",
                    kecamatan,
                    "periksa kolom Kecamatan dan Kelurahan pada baris ini",
                    column="kecamatan",
                )
            found = tuple(within) or found
        if len(found) > 1:
            codes = ", ".join(w.kode for w in found)
            raise CellError(
                "satu kelurahan/desa",
                f"{kelurahan} ({len(found)} wilayah: {codes})",
                "isi kolom Kecamatan agar kelurahan yang sama namanya dapat dibedakan",
            )
        return found[0]

    def _parent(self, w: Wilayah) -> Wilayah | None:
        return self.wilayah.get(regions.parent(w.kode) or "")

    def _in_kecamatan(self, w: Wilayah, kecamatan: str) -> bool:
        parent = self._parent(w)
        return parent is not None and squeeze(kecamatan) in {
            squeeze(n) for n in (parent.nama, *parent.nama_lain)
        }

    def opd_id(self, name: str) -> str:
        found = self.opd.get(_opd_key(name)) or self.opd.get(name.strip())
        if not found:
            raise CellError(
                "nama atau singkatan OPD di content/opd",
                name,
                "periksa ejaan, atau tulis nama ini sebagai `nama` atau `singkatan` pada berkas content/opd/ "
                "OPD itu (buat berkasnya bila belum ada)",
            )
        if len({o.id for o in found}) > 1:
            raise CellError(
                "satu OPD",
                f"{name} ({', '.join(sorted({o.id for o in found}))})",
                "tulis nama lengkap OPD di lembar",
            )
        return found[0].id
