"""XML as ingest reads it (feeds, NITF stories, Word documents): parsed by lxml with no DTD
loaded, no entity expanded and nothing fetched, so that no file can make Dateline read another
file, reach the network or expand a "billion laughs"; and elements named without their
namespace, so that one reader serves a format's variants (RSS 1.0 and 2.0, Atom)."""
from __future__ import annotations


def parser(*, recover: bool = False):
    """An lxml XML parser that loads no DTD, expands no entity, fetches nothing and refuses huge
    trees; ``recover``: mend what it can of broken XML (as feed readers do) instead of raising."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           recover=recover, remove_comments=True, remove_pis=True)


def local_name(el) -> str:
    """An element's name without its namespace ("{http://www.w3.org/2005/Atom}entry" → "entry");
    "" for a comment, an entity or a processing instruction."""
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def text_of(el) -> str | None:
    """All the text within the element ``el``, spaces collapsed; None for no element or no text."""
    text = " ".join("".join(el.itertext()).split()) if el is not None else ""
    return text or None
