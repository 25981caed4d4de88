class SyncError(Exception):
    """Inventory sync or administration failed."""


class FeedError(SyncError):
    """The supplier feed could not be fetched, parsed or trusted."""


class StaleFeedError(SyncError):
    """The feed is not newer than the last one applied for its supplier."""
