import zipfile
from pathlib import Path

import pytest

from themes.installer import BundleError, install_theme


def make_bundle(path: Path, entries: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return path


def install_or_reject(bundle: Path, themes_root: Path, name: str) -> None:
    """A hostile bundle may be rejected with any error; what matters is where files land."""
    try:
        install_theme(bundle, themes_root, name)
    except (BundleError, ValueError, OSError, zipfile.BadZipFile):
        pass


@pytest.fixture
def themes_root(tmp_path: Path) -> Path:
    root = tmp_path / "shop" / "themes"
    root.mkdir(parents=True)
    return root


def test_installs_bundle_into_theme_folder(tmp_path: Path, themes_root: Path) -> None:
    bundle = make_bundle(
        tmp_path / "b.zip", {"layout.html": "<html>", "css/site.css": "body {}", "img/": ""}
    )
    theme = install_theme(bundle, themes_root, "autumn")
    assert theme.files == ("css/site.css", "layout.html")
    assert (themes_root / "autumn" / "css" / "site.css").read_text() == "body {}"


def test_reinstall_replaces_previous_version(tmp_path: Path, themes_root: Path) -> None:
    install_theme(make_bundle(tmp_path / "v1.zip", {"old.html": "1"}), themes_root, "autumn")
    install_theme(make_bundle(tmp_path / "v2.zip", {"new.html": "2"}), themes_root, "autumn")
    assert sorted(p.name for p in (themes_root / "autumn").iterdir()) == ["new.html"]


def test_rejects_bad_theme_name(tmp_path: Path, themes_root: Path) -> None:
    with pytest.raises(BundleError):
        install_theme(make_bundle(tmp_path / "b.zip", {"a.html": ""}), themes_root, "../x")


def test_dot_dot_entry_cannot_escape_theme_folder(tmp_path: Path, themes_root: Path) -> None:
    bundle = make_bundle(tmp_path / "evil.zip", {"ok.html": "", "../../../pwned.txt": "owned"})
    install_or_reject(bundle, themes_root, "autumn")
    escaped = [p for p in tmp_path.rglob("pwned.txt") if themes_root / "autumn" not in p.parents]
    assert escaped == [], f"bundle wrote outside the theme folder: {escaped}"


def test_absolute_entry_cannot_escape_theme_folder(tmp_path: Path, themes_root: Path) -> None:
    target = tmp_path / "absolute-pwned.txt"
    bundle = make_bundle(tmp_path / "evil.zip", {str(target): "owned"})
    install_or_reject(bundle, themes_root, "autumn")
    assert not target.exists(), "bundle wrote to an absolute path"
