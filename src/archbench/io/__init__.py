"""The file and git layer: where the project's folders are (`paths`), agent prompt versions on
disk and at git revisions (`agents`, `git_agents`), and the datasets as validated records
(`datasets`, `routing_data`). Everything here reads files and hands pure `archbench.core` values
to the adapters above it; nothing here imports inspect.
"""
