"""Documents fit to publish: tagged, titled, en-GB PDFs with every font embedded (pikepdf,
pdffonts); the organisation, protective marking and page numbers on every page of the
PDF and the DOCX; real DOCX metadata; the DOCX as LibreOffice renders it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pypdfium2 as pdfium
import pytest

from tests.golden.producers import convert_with_libreoffice
from tests.publishing.test_pack import sample_pack
from watching_brief.extraction.record import Action, Item, Minutes, Question
from watching_brief.publishing import render_docx, render_pack_docx, render_pack_pdf, render_pdf
from watching_brief.publishing.document import RESTRICTED_LABEL, DocumentInfo

ORGANISATION = "Office of the Police and Crime Commissioner for Northshire"
MARKING = "OFFICIAL-SENSITIVE"
CREATED = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
HIDDEN_ACTION = "ACC to brief the PCC on the covert tasking audit."
INFO = DocumentInfo(
    organisation=ORGANISATION,
    marking=MARKING,
    created=CREATED,
    restricted_items=frozenset({1}),
    restricted_actions=frozenset({HIDDEN_ACTION}),
)


def long_minutes() -> Minutes:
    """Notes long enough for three pages, with a restricted item and action."""
    filler = "\n".join(
        f"Paragraph {n}: the board discussed the figures at length." for n in range(40)
    )
    return Minutes(
        title="Monthly Assurance Meeting – Meeting Notes",
        body="Northshire OPCC",
        date=dt.date(2026, 3, 24),
        items=[
            Item(number="1", title="Matters arising", text=filler),
            Item(number="2", title="Covert tasking", text=f"Action: {HIDDEN_ACTION}"),
            Item(number="3", title="Finance", text=filler),
        ],
        actions=[Action(item="2", text=HIDDEN_ACTION, owner="ACC")],
        questions=[Question(item="3", asker="PCC", text="The PCC asked about reserves.")],
    )


Render = Callable[[Path], None]
RENDERERS: dict[str, tuple[Render, Render, str]] = {
    "notes": (
        lambda path: render_pdf(long_minutes(), path, INFO),
        lambda path: render_docx(long_minutes(), path, INFO),
        "Monthly Assurance Meeting – Meeting Notes",
    ),
    "pack": (
        lambda path: render_pack_pdf(sample_pack(matters=30), path, INFO),
        lambda path: render_pack_docx(sample_pack(matters=30), path, INFO),
        "Pack: Monthly Assurance Meeting 24 March 2026",
    ),
}


@pytest.fixture(scope="module", params=sorted(RENDERERS))
def made(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The document's PDF and DOCX, and the title it should carry."""
    pdf_of, docx_of, title = RENDERERS[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    pdf, word = folder / f"{request.param}.pdf", folder / f"{request.param}.docx"
    pdf_of(pdf)
    docx_of(word)
    return pdf, word, title


def struct_roles(node: Any, found: set[str]) -> set[str]:
    """Every structure type (/H1, /Table, /TH ...) under a structure element."""
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.add(str(kid["/S"]))
            struct_roles(kid, found)
    return found


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]
    finally:
        pdf.close()


# --- the PDF ---------------------------------------------------------------------------


def test_pdf_is_tagged_titled_and_in_british_english(made: Any) -> None:
    pdf_path, _word, title = made
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo["/Title"]) == title
        assert str(pdf.docinfo["/Author"]) == ORGANISATION
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20261203")
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:title"] == title
        roles = struct_roles(pdf.Root.StructTreeRoot, set())
    assert {"/H1", "/H2", "/Table", "/TR", "/TH", "/TD", "/P"} <= roles


def test_every_pdf_font_is_embedded(made: Any) -> None:
    pdf_path = made[0]
    listing = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()[2:]
    assert listing, "pdffonts lists no font"
    for row in listing:
        assert row.split()[-5] == "yes", row  # name, type ..., emb, sub, uni, object ID
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                assert "DejaVu" in str(descendant.BaseFont)


def test_every_pdf_page_carries_organisation_marking_and_number(made: Any) -> None:
    pages = page_texts(made[0])
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert ORGANISATION in text
        assert text.count(MARKING) == 2, text
        assert f"Page {number} of {len(pages)}" in text


def test_restricted_parts_are_labelled_in_the_officers_copy(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    render_pdf(long_minutes(), path, INFO)
    text = " ".join(page_texts(path))
    assert text.count(RESTRICTED_LABEL) == 2  # the item and its action
    assert "Covert tasking Restricted: not for publication." in text
    public = tmp_path / "public.pdf"
    render_pdf(long_minutes(), public, DocumentInfo(organisation=ORGANISATION))
    assert RESTRICTED_LABEL not in " ".join(page_texts(public))


def test_public_marking_may_be_none(tmp_path: Path) -> None:
    path = tmp_path / "public.pdf"
    render_pdf(long_minutes(), path, DocumentInfo(organisation=ORGANISATION, marking=""))
    pages = page_texts(path)
    assert all(MARKING not in page and "OFFICIAL" not in page for page in pages)
    assert all(ORGANISATION in page for page in pages)


def test_awkward_organisation_names_are_printed_as_written(tmp_path: Path) -> None:
    name = 'The "Board" \\ Trust & Co <North>'
    path = tmp_path / "notes.pdf"
    render_pdf(long_minutes(), path, DocumentInfo(organisation=name, marking="OFFICIAL"))
    assert name in page_texts(path)[0]


# --- the DOCX --------------------------------------------------------------------------


def test_docx_metadata_is_the_organisations(made: Any) -> None:
    _pdf, word, title = made
    properties = docx.Document(str(word)).core_properties
    assert properties.author == ORGANISATION
    assert properties.last_modified_by == ORGANISATION
    assert properties.language == "en-GB"
    assert properties.title == title
    assert properties.created == CREATED
    assert properties.revision == 1


def test_docx_defaults_to_now_not_a_template_date(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    render_docx(long_minutes(), path)
    properties = docx.Document(str(path)).core_properties
    now = dt.datetime.now(dt.UTC)
    assert properties.created is not None
    assert abs((now - properties.created).total_seconds()) < 120
    assert properties.author == "Northshire OPCC"  # the record's body


def test_docx_header_and_footer_carry_marking_and_page_fields(made: Any) -> None:
    document = docx.Document(str(made[1]))
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert ORGANISATION in header and MARKING in header
    footer = section.footer.paragraphs[0]
    assert MARKING in footer.text
    codes = [" ".join(node.text.split()) for node in footer._p.iter(docx.oxml.ns.qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_docx_is_set_in_the_pdfs_font_and_padding(made: Any) -> None:
    document = docx.Document(str(made[1]))
    styles = document.styles.element
    defaults = styles.find(docx.oxml.ns.qn("w:docDefaults"))
    fonts = defaults.find(".//" + docx.oxml.ns.qn("w:rFonts"))
    assert fonts.get(docx.oxml.ns.qn("w:ascii")) == "DejaVu Sans"
    language = defaults.find(".//" + docx.oxml.ns.qn("w:lang"))
    assert language.get(docx.oxml.ns.qn("w:val")) == "en-GB"
    for table in document.tables:
        margins = table._tbl.tblPr.find(docx.oxml.ns.qn("w:tblCellMar"))
        assert margins is not None
        assert margins.find(docx.oxml.ns.qn("w:left")).get(docx.oxml.ns.qn("w:w")) == "100"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice: make office-deps")
def test_libreoffice_renders_the_docx_pack_with_whole_words_and_page_numbers(
    tmp_path: Path,
) -> None:
    pack = sample_pack(matters=12)
    pack.matters[0].status = "In progress"
    word = tmp_path / "pack.docx"
    render_pack_docx(pack, word, INFO)
    convert_with_libreoffice([word], tmp_path, tmp_path / "profile")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "pack.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert MARKING in page
    rows = [line for line in text.splitlines() if "MAM-20260224-1 " in line]
    assert rows and rows[0].rstrip().endswith("In progress")
