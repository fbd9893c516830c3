#!/usr/bin/python3
"""docs/guide.md → the HTML guide the plugin opens offline
(ocsge_plugin/resources/help/guide.html, with the screenshots it shows beside it). Only the
Markdown the guide uses: headings, paragraphs, numbered and bulleted lists, images, links,
`code`, *emphasis*, **bold**, fenced code, the anchors' raw <a id="…"></a> lines and <i>…</i>;
HTML comments are left out. Pure Python, no QGIS: make package writes its output into the zip,
make deploy into the checkout."""

from __future__ import annotations

import argparse
import html
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE_MD = ROOT / "docs" / "guide.md"
HELP_DIR = ROOT / "ocsge_plugin" / "resources" / "help"

_ALLOWED_TAG = re.compile(r"</?(i|b|em|strong|br)>|<a id=\"[\w-]+\"></a>")
_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60em; margin: 1em auto; padding: 0 1em; line-height: 1.45; color: #222; }
h1 { color: #c8102e; } h2 { border-bottom: 1px solid #ddd; padding-top: .6em; } h3 { color: #444; }
img { max-width: 100%; border: 1px solid #ccc; margin: .5em 0; } figure { margin: 1em 0; } figcaption { font-style: italic; color: #555; }
code, pre { background: #f4f4f4; border-radius: 3px; padding: 0 .2em; } pre { padding: .6em; overflow-x: auto; }
nav ul { columns: 2; }
"""  # noqa: E501 - CSS rules, one line each


def _inline(text: str) -> str:
    """One line of Markdown text → HTML: code spans kept as they are, the rest escaped but for
    the tags the guide uses; images, links, bold, emphasis."""
    parts = re.split(r"(`[^`]+`)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) > 1:
            out.append(f"<code>{html.escape(html.unescape(part[1:-1]), quote=False)}</code>")
            continue
        kept: list[str] = []

        def keep(match: re.Match, kept: list[str] = kept) -> str:
            kept.append(match.group(0))
            return f"\x00{len(kept) - 1}\x00"

        part = _ALLOWED_TAG.sub(keep, part)
        part = html.escape(html.unescape(part), quote=False)
        part = re.sub(
            r"!\[([^\]]*)\]\(([^)\s]+)\)",
            lambda m: f'<img src="{Path(m.group(2)).name}" alt="{m.group(1)}">',
            part,
        )
        part = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r'<a href="\2">\1</a>', part)
        part = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", part)
        part = re.sub(r"(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])", r"<em>\1</em>", part)
        part = re.sub("\x00(\\d+)\x00", lambda m, kept=kept: kept[int(m.group(1))], part)
        out.append(part)
    return "".join(out)


def _blocks(lines: list[str]):
    """(kind, lines) blocks: heading, raw, code, ol, ul, figure, p."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif line.startswith("<!--"):
            while "-->" not in lines[i]:
                i += 1
            i += 1
        elif line.startswith("```"):
            end = i + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            yield "code", lines[i + 1 : end]
            i = end + 1
        elif line.startswith("#"):
            yield "heading", [line]
            i += 1
        elif line.startswith("<a id="):
            yield "raw", [line]
            i += 1
        elif re.match(r"!\[[^\]]*\]\([^)]+\)\s*$", line):
            yield "figure", [line]
            i += 1
        elif re.match(r"(\d+\.|-) ", line):
            kind = "ol" if line[0].isdigit() else "ul"
            items: list[str] = []
            while i < len(lines) and lines[i].strip():
                if re.match(r"(\d+\.|-) ", lines[i]):
                    items.append(lines[i].split(" ", 1)[1])
                elif lines[i].startswith(" "):
                    items[-1] += "\n" + lines[i].strip()
                else:
                    break
                i += 1
            yield kind, items
        else:
            para = []
            while (
                i < len(lines)
                and lines[i].strip()
                and not re.match(r"(#|<a id=|<!--|```|(\d+\.|-) )", lines[i])
            ):
                para.append(lines[i])
                i += 1
            yield "p", para


def _item(text: str) -> str:
    """A list item: its first paragraph, and a figure on a line of its own when it has one."""
    lines, figures = [], []
    for line in text.split("\n"):
        (figures if re.match(r"!\[[^\]]*\]\([^)]+\)\s*$", line) else lines).append(line)
    return _inline(" ".join(lines)) + "".join(_figure(f) for f in figures)


def _figure(line: str) -> str:
    alt = re.match(r"!\[([^\]]*)\]", line).group(1)
    return (
        f"<figure>{_inline(line)}<figcaption>{html.escape(alt, quote=False)}</figcaption></figure>"
    )


def render(markdown: str) -> tuple[str, list[str]]:
    """The guide as one HTML page, and the image files (as written in the Markdown) it shows.

    Returns
    -------
    tuple[str, list[str]]
        The HTML text; the images' paths relative to the Markdown file."""
    lines = markdown.splitlines()
    images = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", markdown)
    body, toc, title = [], [], "Guide"
    pending_id = ""
    for kind, block in _blocks(lines):
        if kind == "heading":
            level = len(block[0]) - len(block[0].lstrip("#"))
            text = block[0][level:].strip()
            if level == 1:
                title = text
            elif level == 2 and pending_id:
                toc.append(f'<li><a href="#{pending_id}">{_inline(text)}</a></li>')
            body.append(f"<h{level}>{_inline(text)}</h{level}>")
            pending_id = ""
        elif kind == "raw":
            body.append(block[0])
            pending_id = re.search(r'id="([\w-]+)"', block[0]).group(1)
        elif kind == "code":
            body.append("<pre>" + html.escape("\n".join(block), quote=False) + "</pre>")
        elif kind in ("ol", "ul"):
            body.append(
                f"<{kind}>" + "".join(f"<li>{_item(item)}</li>" for item in block) + f"</{kind}>"
            )
        elif kind == "figure":
            body.append(_figure(block[0]))
        else:
            body.append(f"<p>{_inline(' '.join(block))}</p>")
    nav = f"<nav><ul>{''.join(toc)}</ul></nav>" if toc else ""
    if nav:  # the table of contents after the introduction's title
        body.insert(1, nav)
    page = (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(re.sub(r'<[^>]+>', '', title), quote=False)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    return page, images


def write(out: Path = HELP_DIR, source: Path = GUIDE_MD) -> Path:
    """Write guide.html and its images into ``out``; the path of guide.html."""
    page, images = render(source.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    for image in images:
        shutil.copyfile(source.parent / image, out / Path(image).name)
    target = out / "guide.html"
    tmp = target.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(target)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HELP_DIR)
    print(write(parser.parse_args().out))
