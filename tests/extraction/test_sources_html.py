"""HTML pages of published notes: the main content only, structure kept."""

from __future__ import annotations

from watching_brief.extraction import extract_bytes
from watching_brief.extraction.sources import load_bytes

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Notes</title><style>.x{color:red}</style>
<script>var tracking = "Action: DCC to leak";</script></head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<div class="cookie-banner"><p>We use cookies. Accept all cookies?</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li>Meetings</li></ul></nav></header>
<main id="main">
<h1>Westvale Governance Board – Notes</h1>
<p>Date: Tuesday 18 November 2025</p>
<p>Chair: Catherine Doyle</p>
<h2>Present</h2>
<ul>
<li>Catherine Doyle (PCC) – Police and Crime Commissioner</li>
<li>Mark Fenwick (DCC) – Deputy Chief Constable</li>
</ul>
<h2>Apologies</h2>
<ul><li>Joanne Tate (JT) – Governance Officer</li></ul>
<h2>1. Fleet review</h2>
<p>The PCC asked whether the fleet review would report on time.</p>
<p>Action: DCC to share the fleet review findings with the Board by 31 March 2026.</p>
<p>Decision: The Board agreed to extend the review.</p>
</main>
<footer><p>Copyright Westvale OPCC</p></footer>
</body></html>
"""


def test_only_the_main_content_is_read() -> None:
    document = load_bytes(PAGE.encode(), "notes.html")
    assert "Skip to main content" not in document.text
    assert "cookies" not in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert "tracking" not in document.text
    assert document.lines[0].text == "Westvale Governance Board – Notes"


def test_headings_lists_and_paragraphs_give_the_record() -> None:
    minutes = extract_bytes(PAGE.encode(), "notes.html")
    assert minutes.title == "Westvale Governance Board – Notes"
    assert [(a.name, a.abbrev, a.status) for a in minutes.attendees] == [
        ("Catherine Doyle", "PCC", "present"),
        ("Mark Fenwick", "DCC", "present"),
        ("Joanne Tate", "JT", "apologies"),
    ]
    assert [(i.number, i.title) for i in minutes.items] == [("1", "Fleet review")]
    (action,) = minutes.actions
    assert action.owner == "DCC" and action.due is not None
    assert action.due.isoformat() == "2026-03-31"
    assert [d.text for d in minutes.decisions] == ["The Board agreed to extend the review."]
    assert [q.asker for q in minutes.questions] == ["PCC"]


def test_html_in_cp1252_is_decoded() -> None:
    page = PAGE.replace("Fleet review</h2>", "Fleet review – caf\u00e9</h2>").encode("cp1252")
    minutes = extract_bytes(page, "notes.htm")
    assert minutes.items[0].title == "Fleet review – café"


def test_ordered_lists_keep_their_numbers() -> None:
    page = b"""<html><body><main><h1>Board notes</h1>
    <ol start="3"><li>Finance</li><li>Estates<ol type="a"><li>Sites</li><li>Fleet</li></ol></li>
    <li value="7">Any other business</li></ol>
    <ol type="I"><li>Annex</li></ol><ul><li>A point</li></ul>
    <ol reversed><li>Two</li><li>One</li></ol></main></body></html>"""
    lines = [line.text for line in load_bytes(page, "notes.html").lines if line.text]
    assert lines == [
        "Board notes",
        "3. Finance",
        "4. Estates",
        "a. Sites",
        "b. Fleet",
        "7. Any other business",
        "I. Annex",
        "• A point",
        "2. Two",
        "1. One",
    ]
