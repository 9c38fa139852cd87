#!/usr/bin/env python3
"""Check by program what a person would check on a printed report.

    tests/check/pdf_check.py REPORT.pdf [--pages 4-12] [--step-heading REGEX]
        [--min-fill 0.2] [--together A B]... [--words W1,W2] [--png DIR]

Reads the PDF with poppler-utils (pdfinfo, pdftotext, pdftoppm): no other
library. Each failed check prints one line; the exit status is 1 when any
failed, 0 otherwise. What is checked:

- the page count lies in the --pages range;
- every page is inked at least --min-fill of the way down its text area,
  except the document's last page and a page followed by one that starts a
  step (a step may end short, since each starts on a new page). A page
  starts a step when one of its first three lines of text matches
  --step-heading: the first lines may be the running title of the margin;
- each --together pair of texts is found on one same page (a chart's caption
  and its table's header, say);
- each --words word is found whole and never split over two lines or two
  tokens ("Question" + "s", "répon-" + "dues"), which is how a table header
  too narrow for its word prints.

--png DIR keeps every page as DIR/page-NN.png for a person to look at.
"""
import argparse
import os
import re
import subprocess
import sys

# Rows this far from the top and the bottom of a page are its margins: the
# running title and page numbers print there and must not count as content.
MARGIN = 0.07
INK = 200  # a grey level below this is ink (0 black, 255 white)
DPI = 30


def run(*args):
    return subprocess.run(args, check=True, capture_output=True).stdout


def page_count(pdf):
    info = run("pdfinfo", pdf).decode("utf-8", "replace")
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    if not match:
        raise SystemExit(f"{pdf}: pdfinfo does not give a page count")
    return int(match.group(1))


def page_texts(pdf, layout=False):
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [pdf, "-"]
    text = run(*args).decode("utf-8", "replace")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def read_pgm(data):
    """A binary greymap (P5) as (width, height, pixels): pdftoppm -gray writes these."""
    fields = []
    pos = 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P5" or int(fields[3]) > 255:
        raise SystemExit("pdftoppm did not write an 8-bit greymap")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height]
    return width, height, pixels


def page_fill(pdf, page):
    """How far down the text area the page is inked, from 0 (blank) to 1."""
    width, height, pixels = read_pgm(run("pdftoppm", "-gray", "-r", str(DPI),
                                         "-f", str(page), "-l", str(page), pdf))
    top, bottom = int(height * MARGIN), int(height * (1 - MARGIN))
    last = top
    for row in range(top, bottom):
        line = pixels[row * width:(row + 1) * width]
        if min(line) < INK:
            last = row
    return (last - top) / max(1, bottom - top)


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def starts_step(text, heading):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return any(heading.search(line) for line in lines[:3])


def broken_word(tokens, word):
    """The two tokens that spell `word` once joined, when a line broke inside it."""
    for a, b in zip(tokens, tokens[1:]):
        joined = a[:-1] + b if a.endswith("-") else a + b
        if joined == word and a and b:
            return f"{a} {b}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf")
    parser.add_argument("--pages", help="MIN-MAX")
    parser.add_argument("--step-heading", help="regular expression of a step's heading")
    parser.add_argument("--min-fill", type=float, default=0.2)
    parser.add_argument("--together", nargs=2, action="append", default=[], metavar=("A", "B"))
    parser.add_argument("--words", default="")
    parser.add_argument("--png", metavar="DIR")
    args = parser.parse_args()

    failures = []
    count = page_count(args.pdf)
    if args.pages:
        low, _, high = args.pages.partition("-")
        if not int(low) <= count <= int(high or low):
            failures.append(f"{count} pages, not within {args.pages}")

    texts = page_texts(args.pdf)
    if len(texts) != count:
        failures.append(f"pdftotext read {len(texts)} pages of {count}")
    heading = re.compile(args.step_heading) if args.step_heading else None
    fills = [page_fill(args.pdf, page) for page in range(1, count + 1)]
    for index, fill in enumerate(fills):
        last = index == count - 1
        ends_step = heading and index + 1 < len(texts) and starts_step(texts[index + 1], heading)
        if fill < args.min_fill and not last and not ends_step:
            failures.append(f"page {index + 1} only {fill:.0%} full (less than {args.min_fill:.0%})")

    flat = [normalise(text) for text in texts]
    for a, b in args.together:
        pages_a = {i for i, text in enumerate(flat) if normalise(a) in text}
        pages_b = {i for i, text in enumerate(flat) if normalise(b) in text}
        if not pages_a:
            failures.append(f"« {a} » is on no page")
        elif not pages_b:
            failures.append(f"« {b} » is on no page")
        elif not pages_a & pages_b:
            failures.append(f"« {a} » (page {min(pages_a) + 1}) and « {b} » "
                            f"(page {min(pages_b) + 1}) are not on the same page")

    tokens = [token for text in texts for token in re.findall(r"[\w-]+", text)]
    for word in filter(None, (w.strip() for w in args.words.split(","))):
        broken = broken_word(tokens, word)
        if broken:
            failures.append(f"« {word} » broken inside the word: « {broken} »")
        elif word not in tokens:
            failures.append(f"« {word} » is on no page")

    if args.png:
        os.makedirs(args.png, exist_ok=True)
        run("pdftoppm", "-png", "-r", "50", args.pdf, os.path.join(args.png, "page"))

    fill_text = " ".join(f"{fill:.0%}" for fill in fills)
    print(f"{args.pdf}: {count} pages, filled {fill_text}")
    for failure in failures:
        print(f"not ok: {failure}")
    print("ok" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
