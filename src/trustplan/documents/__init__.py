"""Report building: what a report says (``content``) and its renderings to PDF, DOCX and XLSX.

A pure core with no Django. The Django app ``trustplan.reports`` builds the content from the
database and freezes it; the functions here turn frozen content into documents, byte for byte
the same each time for the same content.
"""
