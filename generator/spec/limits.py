"""The limits sdkgen puts on what it reads: past each, a spec is refused as hostile or broken, with a
message that names the limit. One place for them, so a message and its check never disagree."""

from __future__ import annotations

# How deep a document may nest before we refuse it: deeper input is hostile or broken, and would
# overflow Python's stack in later stages.
MAX_DEPTH = 200
# How many nodes YAML aliases may add to a file (each use of an alias copies its anchor's whole
# subtree, as far as every later stage is concerned), and refs to other files inlined where they are
# used may add to the bundled document.
MAX_ALIAS_NODES = 1_000_000
# The largest spec file read at all (large public specs are a few MB).
MAX_FILE_BYTES = 128 * 1024 * 1024
# The longest chain of refs that are only aliases (a `$ref` to a `$ref` to ...) sdkgen follows: the
# OpenAPI validator follows each link with a few stack frames of its own.
MAX_REF_CHAIN = 256
# How many problems one refusal lists (the rest are counted): of `$ref`s, or of validation.
MAX_SHOWN = 20

__all__ = ["MAX_DEPTH", "MAX_ALIAS_NODES", "MAX_FILE_BYTES", "MAX_REF_CHAIN", "MAX_SHOWN"]
