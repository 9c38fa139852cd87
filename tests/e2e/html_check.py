#!/usr/bin/env python3
"""Read an HTML document and report what the report tests check: headings,
tables, chart labels, and anything executable. Prints JSON."""
import html.parser, json, re, sys

UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
EXECUTABLE_TAGS = {"script", "iframe", "object", "embed", "applet", "frame", "frameset", "base",
                   "form", "input", "button", "link", "meta-refresh", "foreignobject", "animate", "set",
                   "handler", "listener"}
SVG_OK = {"svg", "title", "desc", "rect", "text", "line", "polyline", "circle"}


class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.headings, self.tables, self.labels, self.texts = [], [], [], [], []
        self.stack, self.style_count, self.svg_depth, self.table, self.row, self.cell = [], 0, 0, None, None, None
        self.html_lang = None
        self.choices, self.choice = [], None  # [chosen, label] of each choice of a choice list
        self.inputs = 0

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        self.stack.append(tag)
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")
        a = dict(attrs)
        # A task list's box: a disabled checkbox, as cmark-gfm and forges render it.
        if tag == "input" and a.get("type") == "checkbox" and "disabled" in a:
            self.inputs += 1
        elif tag in EXECUTABLE_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "style":
            self.style_count += 1
        if tag == "svg":
            self.svg_depth += 1
            self.labels.append(dict(attrs).get("aria-label"))
        elif self.svg_depth and tag not in SVG_OK:
            self.problems.append(f"svg child <{tag}>")
        for name, value in attrs:
            name = (name or "").lower()
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            if name in ("href", "src", "xlink:href", "action", "formaction", "srcdoc", "style") and value:
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                if name in ("srcdoc",) or cleaned.startswith(UNSAFE_SCHEMES) or (name == "style" and "url(" in cleaned):
                    self.problems.append(f"{name}={value!r}")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        classes = (a.get("class") or "").split()
        if tag == "span" and "choice" in classes:
            self.choice = ["not-chosen" not in classes, [], len(self.stack)]
        if tag == "table":
            self.table = []
        if tag == "tr" and self.table is not None:
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        tag = tag.lower()
        while self.stack and self.stack.pop() != tag:
            pass
        if self.choice and len(self.stack) < self.choice[2]:
            self.choices.append([self.choice[0], " ".join("".join(self.choice[1]).split())])
            self.choice = None
        if tag == "svg":
            self.svg_depth -= 1
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        if tag == "tr" and self.row is not None:
            self.table.append(self.row)
            self.row = None
        if tag == "table" and self.table is not None:
            self.tables.append(self.table)
            self.table = None

    def handle_data(self, data):
        if self.choice:
            self.choice[1].append(data)
        if self.cell is not None:
            self.cell.append(data)
        self.texts.append(data)

    def handle_comment(self, data):
        pass


def main():
    c = Check()
    c.feed(open(sys.argv[1], encoding="utf-8").read())
    c.close()
    jumps = [f"h{a}->h{b}" for a, b in zip(c.headings, c.headings[1:]) if b > a + 1]
    json.dump({"problems": c.problems, "heading_jumps": jumps, "first_heading": c.headings[:1], "headings": c.headings,
               "tables": c.tables, "labels": c.labels, "style_count": c.style_count, "lang": c.html_lang,
               "choices": c.choices, "checkboxes": c.inputs,
               "text": " ".join(" ".join(c.texts).split())}, sys.stdout, ensure_ascii=False)


main()
