"""The EPUB reader: a book in one file, one document per chapter.

- `reader`: the entry point, `parse(data, path)`; the chapters in spine order,
  each read by the HTML reader, and what it refuses;
- `package`: container.xml to the package document (OPF), and the OPF's
  manifest, spine and metadata; hrefs to zip member names, safely;
- `encryption`: the members META-INF/encryption.xml says are encrypted (DRM).

The zip and its XML are opened only through `parsers.office.archive`. lxml is
imported only when a file is read: importing these modules is cheap.
"""
