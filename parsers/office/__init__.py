"""The office readers: DOCX and ODT, zip packages of XML parts.

- `archive`: the only place such a file is opened; the zip directory checked
  against caps, members inflated in bounded chunks, XML parsed with entities,
  DTDs and the network off; the labelling rule both readers share.
- `docx`: the Word reader, which puts a document together from `docx_package`
  (the parts and metadata), `docx_paragraphs` (paragraphs, runs and note
  references), `docx_numbering` (Word's note labels) and `docx_notes` (the notes
  parts).
- `odt`: the OpenDocument text reader.
- `paragraphs`: the body's numbered paragraphs, whose note references both readers
  label once every note is read.

lxml is imported only when an office file is read: importing these modules is cheap.
"""
