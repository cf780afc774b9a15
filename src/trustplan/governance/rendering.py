"""A DPIA draft (``trustplan.governance.dpia.Draft``) as Markdown or as an editable Word file.

The Word file uses the built-in Heading, List Bullet and Table Grid styles, so the data
protection officer can paste it into the partnership's own DPIA template and edit it; the same
draft always gives the same bytes.
"""

from __future__ import annotations

import docx

from trustplan.documents.packaging import save_docx
from trustplan.governance.dpia import Draft, Table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(draft: Draft) -> str:
    lines: list[str] = []
    for section in draft.sections:
        lines += [f"{'#' * section.level} {section.heading}", ""]
        for block in section.blocks:
            if isinstance(block, Table):
                lines.append("| " + " | ".join(block.header) + " |")
                lines.append("| " + " | ".join("---" for _ in block.header) + " |")
                lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            elif isinstance(block, list):
                lines += [f"- {item}" for item in block]
            else:
                lines.append(block)
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_docx(draft: Draft) -> bytes:
    document = docx.Document()
    for section in draft.sections:
        document.add_heading(section.heading, level=section.level)
        for block in section.blocks:
            if isinstance(block, Table):
                table = document.add_table(rows=1, cols=len(block.header))
                table.style = "Table Grid"
                for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                    cell.text = ""
                    cell.paragraphs[0].add_run(text).bold = True
                for row in block.rows:
                    for cell, text in zip(table.add_row().cells, row, strict=True):
                        cell.text = text
            elif isinstance(block, list):
                for item in block:
                    document.add_paragraph(item, style="List Bullet")
            else:
                document.add_paragraph(block)
    return save_docx(document, title=draft.title, author="trustplan", moment=draft.made_on)
