"""YAML read the way the YAML language server (editors) reads it: YAML 1.2 core schema.

PyYAML implements YAML 1.1, where `yes`, `on` and `2023-02-01` are a yes/no and a date and `008` is
text. The language server reads YAML 1.2: only `true`/`false` are yes/no, dates stay text, `008` is
the number 8, `13.00` the number 13. The JSON Schemas describe what it sees, so the tests read records
with these resolvers (PyYAML's safe loader with the YAML 1.2 core schema's implicit types).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+0123456789."),
    ),
]


class EditorLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema instead of YAML 1.1's."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _regex, _first in _RESOLVERS:
    EditorLoader.add_implicit_resolver(_tag, re.compile(_regex), _first)


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


EditorLoader.add_constructor("tag:yaml.org,2002:int", _int)


def load(text: str) -> Any:
    """One YAML document as the editor sees it."""
    return yaml.load(text, Loader=EditorLoader)  # noqa: S506 - a safe loader
