"""The office readers: DOCX and ODT, zip packages of XML parts.

- `archive`: the only place such a file is opened; the zip directory checked
  against caps, members inflated in bounded chunks, XML parsed with entities,
  DTDs and the network off; the labelling rule both readers share.
- `docx`: the Word reader.
- `odt`: the OpenDocument text reader.

lxml is imported only when an office file is read: importing these modules is cheap.
"""
