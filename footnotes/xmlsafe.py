"""The one way footcheck parses XML it did not write: nothing outside the bytes given.

Entities are not expanded, no DTD is loaded, nothing is fetched from the network,
no tree may grow past lxml's default limits, and comments and processing
instructions are dropped. The office and EPUB readers and the OPF table of
contents all parse through `xml_parser()`; lxml is imported only when one asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree


def xml_parser() -> etree.XMLParser:
    """A fresh lxml parser with every way of reaching beyond the input turned off."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
