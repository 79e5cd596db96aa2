"""HTML rendered as a text dump: one line per block element, in page order.

This is how a browser's "select all, copy" shows a page (inline neighbours run together, as in
"Harbor Times2 hours ago"), the same shape as the plain-text page dumps the text extractor
reads, so both kinds of page can share line-level rules.
"""

from __future__ import annotations

from lxml import etree

from storyline.text.counting import word_count  # noqa: F401  (re-exported for extract modules)

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "button", "select"})


def _clean(text: str) -> str:
    return " ".join((text or "").split())  # = re.sub(r"\s+", " ", text).strip(), without the regex


def iter_block_lines(element):
    """The element's text rendered like a text dump, lazily: one line per block element, page order.

    Inline neighbours run together as a browser shows them ("Harbor Times2 hours ago").
    """
    for line, _block in iter_block_lines_at(element):
        yield line


def iter_block_lines_at(element, skip: frozenset[str] = SKIP_TAGS):
    """:func:`iter_block_lines` as ``(line, block)`` pairs, ``block`` the innermost block element the
    line's text stands in (``element`` itself for text outside every block); subtrees of the ``skip``
    tags give only their tail text."""
    buf: list[str] = []
    stack: list = [element]
    skipped: dict[int, object] = {}  # id -> element (kept alive so ids are not reused)

    def flush():
        line = _clean("".join(buf))
        buf.clear()
        return (line, stack[-1]) if line else None

    walker = etree.iterwalk(element, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in skip:  # comments, scripts...: only their tail is text
            if id(el) not in skipped:
                skipped[id(el)] = el
                walker.skip_subtree()
                if el.tail and el is not element:
                    buf.append(el.tail)
            continue
        block = tag in BLOCK_TAGS or tag == "br"
        if event == "start":
            if block:
                if found := flush():
                    yield found
                if tag != "br":
                    stack.append(el)
            if el.text:
                buf.append(el.text)
            continue
        if block:
            if found := flush():
                yield found
            if tag != "br" and len(stack) > 1 and stack[-1] is el:
                stack.pop()
        if el.tail and el is not element:
            buf.append(el.tail)
    if found := flush():
        yield found


def block_lines(element) -> list[str]:
    """All of :func:`iter_block_lines` as a list."""
    return list(iter_block_lines(element))
