"""Which members of an EPUB are encrypted, from `META-INF/encryption.xml`.

Every DRM scheme for EPUB (Adobe ADEPT, Apple FairPlay, Readium LCP, Kobo's)
lists the files it encrypts there: an `EncryptedData` whose `CipherReference URI`
names the member (relative to the zip's root) and whose `EncryptionMethod`
names the algorithm. Font obfuscation (IDPF's and Adobe's) uses the same file but
hides only fonts, and is not encryption of the text: those entries are left out.
A malformed encryption.xml says nothing (a chapter it did encrypt is then refused
as binary by the HTML reader); a hostile one is refused.
"""

from __future__ import annotations

from footcheck.parsers.office.archive import Archive, MalformedXML, parse_xml

from .package import WHAT, resolve

__all__ = ["encrypted_members"]

ENCRYPTION = "META-INF/encryption.xml"
_XMLENC = "http://www.w3.org/2001/04/xmlenc#"
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)


def encrypted_members(archive: Archive) -> frozenset[str]:
    """The members encryption.xml says are encrypted (not only obfuscated), casefolded."""
    data = archive.read_optional(ENCRYPTION)
    if data is None:
        return frozenset()
    try:
        root = parse_xml(data, ENCRYPTION, WHAT)
    except MalformedXML:
        return frozenset()
    found: set[str] = set()
    for encrypted in root.iter(f"{{{_XMLENC}}}EncryptedData"):
        method = encrypted.find(f"{{{_XMLENC}}}EncryptionMethod")
        algorithm = "" if method is None else (method.get("Algorithm") or "").strip()
        if algorithm in _FONT_OBFUSCATION:
            continue
        for reference in encrypted.iter(f"{{{_XMLENC}}}CipherReference"):
            member = resolve("", reference.get("URI") or "")
            if member is not None:
                found.add(member.casefold())
    return frozenset(found)
