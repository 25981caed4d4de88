"""Pure logic: no inspect_ai imports and no file, process or network I/O.

Everything here takes values and returns values so it can be tested in isolation; the adapters
around it (loaders, inspect solvers and scorers, the CLI) do the I/O. The rule is enforced by an
import-linter contract in `make test`.
"""
