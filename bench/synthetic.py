"""A spec made of another one N times over, for the linear-cost rows of `make bench`.

    .venv/bin/python bench/synthetic.py SPEC COPIES OUT.yaml

Copy k (k >= 2) of every path is `/copy<k><path>`, of every component schema `<Name>Copy<k>`, of every
operationId `<id>Copy<k>`; the `$ref`s inside a copy point at that copy's schemas. Other components
(parameters, responses, security schemes) stay shared, as they would in a spec that grew. The result
is written with the same YAML dumper as a one-copy baseline (`COPIES` = 1), so that the ratio of the two
runs measures sdkgen, not the dumper's layout.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

SCHEMAS = "#/components/schemas/"


def _renamed(node: Any, suffix: str) -> Any:
    """`node` with every ref to a component schema pointing at that schema's copy."""
    if isinstance(node, dict):
        out = {key: _renamed(value, suffix) for key, value in node.items()}
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMAS):
            name, _, rest = ref[len(SCHEMAS):].partition("/")
            out["$ref"] = f"{SCHEMAS}{name}{suffix}" + (f"/{rest}" if rest else "")
        mapping = (node.get("discriminator") or {}).get("mapping") if isinstance(node.get("discriminator"), dict) else None
        if isinstance(mapping, dict):
            out["discriminator"] = dict(out["discriminator"])
            out["discriminator"]["mapping"] = {
                k: (f"{SCHEMAS}{v[len(SCHEMAS):]}{suffix}" if isinstance(v, str) and v.startswith(SCHEMAS) else v)
                for k, v in mapping.items()
            }
        if isinstance(node.get("operationId"), str):
            out["operationId"] = node["operationId"] + suffix
        return out
    if isinstance(node, list):
        return [_renamed(item, suffix) for item in node]
    return node


def multiplied(spec: dict[str, Any], copies: int) -> dict[str, Any]:
    out = dict(spec)
    paths = dict(spec.get("paths") or {})
    components = dict(spec.get("components") or {})
    schemas = dict(components.get("schemas") or {})
    for k in range(2, copies + 1):
        suffix = f"Copy{k}"
        for path, item in (spec.get("paths") or {}).items():
            paths[f"/copy{k}{path}"] = _renamed(item, suffix)
        for name, schema in (spec.get("components", {}).get("schemas") or {}).items():
            schemas[f"{name}{suffix}"] = _renamed(schema, suffix)
    out["paths"] = paths
    components["schemas"] = schemas
    out["components"] = components
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, copies, target = Path(argv[0]), int(argv[1]), Path(argv[2])
    with open(source, "rb") as handle:
        spec = yaml.load(handle, Loader=yaml.CSafeLoader)
    text = yaml.dump(multiplied(spec, copies), Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
