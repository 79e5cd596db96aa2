"""``storyline eval wcxb`` and ``storyline eval layouts``: page extraction judged per fold.

Both print the tune figures (where rules and thresholds are chosen) beside the check figures
(held out): the WCXB DEV split by page hash, the generated layouts by family.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storyline.cli.app import console, eval_app

SharedOption = Annotated[
    Path | None,
    typer.Option("--shared", help="The shared folder holding eval/ (default: $STORYLINE_SHARED, else ../shared)."),
]


def _shared(shared: Path | None) -> Path:
    from evals.paths import default_shared_dir

    return shared or default_shared_dir()


def _frac(pair) -> str:
    right, n = pair
    return f"{right}/{n} ({right / n:.3f})" if n else "-"


@eval_app.command("wcxb")
def wcxb(
    shared: SharedOption = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes to spread pages over.")] = 1,
    baseline: Annotated[bool, typer.Option("--baseline/--no-baseline", help="Also run plain trafilatura.")] = True,
) -> None:
    """WCXB DEV: article bodies, titles, dates, authors and page types, tune vs check fold."""
    from evals.wcxb import eval_wcxb

    report = eval_wcxb(_shared(shared), baseline=baseline, workers=workers)
    table = Table(title="WCXB DEV (check fold held out; extraction outputs cached under /tmp/storyline-eval)")
    for column in (
        "fold",
        "system",
        "articles",
        "body F1",
        "title",
        "date",
        "author",
        "non-article pages with an article",
    ):
        table.add_column(column, justify="left" if column in ("fold", "system") else "right")
    for fold in ("check", "tune"):
        for system in ("ours", "baseline"):
            if system not in report[fold]:
                continue
            s = report[fold][system]
            table.add_row(
                fold,
                "storyline" if system == "ours" else "trafilatura",
                str(s["articles"]),
                f"{s['f1']:.3f}",
                _frac(s["title"]),
                _frac(s["date"]),
                _frac(s["author"]),
                _frac(s["non_article_with_article"]),
            )
    console.print(table)
    if baseline:
        console.print(_gap_table(report))
    types = Table(title="Page type decided, per gold type (check | tune)")
    for column in ("gold type", "check", "tune"):
        types.add_column(column, justify="left" if column == "gold type" else "right")
    for kind in report["check"]["page_types"]:
        types.add_row(
            kind, _frac(report["check"]["page_types"][kind]), _frac(report["tune"]["page_types"].get(kind, (0, 0)))
        )
    console.print(types)


def _gap_table(report: dict) -> Table:
    """Where the body F1 differs from trafilatura's: shares of the fold's mean F1 per page group."""
    gap = Table(title="Body F1 minus trafilatura's, by article-page group (share of the fold mean)")
    for column in (
        "fold",
        "typed non-article",
        "no text found",
        "with an article",
        "wins / losses",
        "precision ours | traf",
        "recall ours | traf",
    ):
        gap.add_column(column, justify="left" if column == "fold" else "right")
    for fold in ("check", "tune"):
        g = report[fold]["gap"]
        gap.add_row(
            fold,
            *(f"{g[s][0]}: {g[s][1]:+.4f}" for s in ("typed_other", "no_text", "with_article")),
            f"{g['wins']} / {g['losses']}",
            f"{g['ours_pr'][0]:.3f} | {g['base_pr'][0]:.3f}",
            f"{g['ours_pr'][1]:.3f} | {g['base_pr'][1]:.3f}",
        )
    return gap


@eval_app.command("layouts")
def layouts(
    shared: SharedOption = None,
    per_family: Annotated[int, typer.Option("--per-family", min=1, help="Pages generated per layout family.")] = 12,
    write: Annotated[Path | None, typer.Option("--write", help="Also write sample pages and their gold here.")] = None,
) -> None:
    """Generated pages in many layout families: tune families beside check families."""
    from evals.layouts import eval_layouts, rates, write_pages

    shared_dir = _shared(shared)
    report = eval_layouts(shared_dir, per_family)
    table = Table(title="Layout families (check families never tuned on)")
    for column in ("split", "family", "pages", "articles", "exact", "chrome lines", "extra articles"):
        table.add_column(column, justify="left" if column in ("split", "family") else "right")
    for split in ("check", "tune"):
        for name, c in report[split]["families"].items():
            table.add_row(
                split, name, str(c["pages"]), str(c["gold"]), str(c["exact"]), str(c["chrome"]), str(c["extra"])
            )
    console.print(table)
    for split in ("check", "tune"):
        t = report[split]["total"]
        r = rates(t)
        console.print(
            f"{split}: articles exact {t['exact']}/{t['gold']} ({r['exact']:.3f}), chrome lines "
            f"{t['chrome']}, extra articles {t['extra']} ({r['extra']:.3f} per article)"
        )
    if write:
        console.print(f"{write_pages(shared_dir, write)} sample pages written to {write}")
