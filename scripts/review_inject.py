"""Make the checking copy of a review page for scripts/review_check.sh.

The sentences the page must show are read from the inputs, independently of the page: the
presplit files' lines (`--lines ZH EN`, as `zhen-align align --presplit` reads them), or the
`<s>` elements of the InterText files written in the same run (`--xml ZH.xml EN.xml`). They
are put into the copy as `window.EXPECTED`, followed by the checker script.

Usage: review_inject.py PAGE COPY CHECKER (--lines ZH EN | --xml ZH EN)
"""
import json
import sys
import xml.etree.ElementTree as ET


def lines(path):
    text = open(path, encoding="utf-8-sig").read()
    # Rust's str::lines: a final line break does not start another line; \r\n counts as one.
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()
    return [p.rstrip("\r").strip() for p in parts]


def sentences(path):
    return ["".join(s.itertext()) for s in ET.parse(path).getroot().iter("s")]


def main():
    page, copy, checker, mode, zh, en = sys.argv[1:7]
    read = lines if mode == "--lines" else sentences
    expected = {"zh": read(zh), "en": read(en)}
    data = json.dumps(expected, ensure_ascii=False).replace("</", "<\\/")
    script = open(checker, encoding="utf-8").read()
    html = open(page, encoding="utf-8").read()
    injected = f"<script>window.EXPECTED={data};</script>\n<script>{script}</script>\n</body>"
    if "</body>" not in html:
        sys.exit(f"{page}: no </body>")
    with open(copy, "w", encoding="utf-8") as out:
        out.write(html.replace("</body>", injected, 1))


main()
