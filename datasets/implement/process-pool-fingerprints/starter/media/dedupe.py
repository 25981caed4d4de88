"""Groups uploaded assets whose content is identical, by fingerprint."""

from collections import defaultdict
from collections.abc import Mapping

from media.fingerprints import fingerprint_assets


def duplicate_groups(assets: Mapping[str, bytes]) -> list[list[str]]:
    """Asset ids sharing one fingerprint, each group in input order; singletons left out."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for asset_id, fingerprint in fingerprint_assets(assets).items():
        groups[fingerprint].append(asset_id)
    return [ids for ids in groups.values() if len(ids) > 1]
