"""An economy's share of world manufacturing value added or of world exports.

.. math::  s_{e,t} = 100 \\cdot \\frac{X_{e,t}}{X_{\\mathrm{World},t}}

with :math:`X` the World Bank's manufacturing value added in current US$ (WDI
``NV.IND.MANF.CD``; World = the ``WLD`` aggregate) or the WTO's merchandise exports of
one product group in US$ million (World = the WTO's own world total). Where the inputs
were rounded (the staged WDI copy gives values ≥ 1e11 to three significant digits)
each share carries the exact interval the lost digits allow and is shown with no more
digits than that interval justifies (:mod:`pflab.world.precision`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

import pandas as pd

from pflab.data.countries import resolve_country
from pflab.data.wdi import WB_AGGREGATES
from pflab.data.world_embedded import load_mva, load_wto_exports
from pflab.data.wto import PRODUCTS
from pflab.errors import LookupFailedError, ParameterError
from pflab.provenance import Provenance, Source
from pflab.world.precision import (
    format_interval,
    format_percent,
    half_unit,
    ratio_interval,
    shown_decimals,
)
from pflab.world.results import WorldShares
from pflab.world.years import YearSpec, format_spans, parse_years

__all__ = ["MEASURES", "PRODUCT_ALIASES", "resolve_product", "world_share"]

#: Measures of :func:`world_share`.
MEASURES: dict[str, str] = {
    "mva": "manufacturing value added (World Bank WDI)",
    "exports": "merchandise exports by product group (WTO)",
}

_CHINA_FAMILY = {"CHN", "HKG", "MAC", "TWN"}
_TAIWAN = {"twn", "taiwan", "chinese taipei", "taiwan, china", "taipei"}

_COLUMNS = {
    "economy": "ISO code (World Bank or WTO reporter; TWN = Chinese Taipei)",
    "country": "name as the source writes it",
    "measure": "mva (manufacturing value added) or exports (merchandise exports)",
    "product": "WTO product group code (exports) or NV.IND.MANF.CD (mva)",
    "year": "calendar year",
    "value": "share of the world total, percent, rounded to the digits the data hold",
    "text": "the share as shown",
    "interval": "range the rounded inputs allow, rounded outward (empty: inputs unrounded)",
    "low": "lowest share the rounded inputs allow, percent",
    "high": "highest share the rounded inputs allow, percent",
    "ratio": "the file's economy value / world value × 100, unrounded (more digits than held)",
    "decimals": "decimals the share may show",
    "economy_value": "economy's value, current US$ billion (converted from the file's unit)",
    "world_value": "world total, current US$ billion (converted from the file's unit)",
    "flag": "WTO flag: E estimate, B break in series (economy / world)",
    "precision": "what limits the share's precision",
    "source": "data source of the row",
}


#: Short names accepted for WTO product groups.
PRODUCT_ALIASES: dict[str, str] = {
    "ic": "MAMTOTIC",
    "ics": "MAMTOTIC",
    "chips": "MAMTOTIC",
    "electronics": "MAMTOF",
    "ict": "MAMTOF",
    "cars": "MAMTAU",
    "manufacturing": "MA",
}


def resolve_product(product: str) -> str:
    """The WTO product-group code for a code, name or alias (case-insensitive).

    ``"MA"``, ``"manufactures"`` → ``"MA"``; ``"ic"``, ``"chips"`` → ``"MAMTOTIC"``
    (integrated circuits *and electronic components*); ``"ict"`` → ``"MAMTOF"`` (office
    and telecom equipment); see :data:`PRODUCT_ALIASES`.

    Raises
    ------
    pflab.errors.LookupFailedError
        If nothing matches, with the closest codes and names.
    """
    key = " ".join(product.split()).casefold()
    if key in PRODUCT_ALIASES:
        return PRODUCT_ALIASES[key]
    for code, name in PRODUCTS.items():
        if key in (code.casefold(), name.casefold()):
            return code
    starts = [c for c, n in PRODUCTS.items() if n.casefold().startswith(key)]
    if len(starts) == 1 and len(key) >= 4:
        return starts[0]
    labels = {f"{n} ({c})".casefold(): f"{c} ({n})" for c, n in PRODUCTS.items()}
    close = difflib.get_close_matches(key, list(labels), n=4, cutoff=0.4)
    suggestions = [labels[c] for c in close] or [f"{c} ({n})" for c, n in PRODUCTS.items()]
    raise LookupFailedError("WTO product group", product, suggestions)


def _economies(economy: str | Sequence[str], names: dict[str, str]) -> list[str]:
    given = [economy] if isinstance(economy, str) else list(economy)
    if not given:
        raise ParameterError("economy", "no economy given")
    return list(dict.fromkeys(resolve_country(e, names) for e in given))


def _compute(
    values: pd.DataFrame, world: pd.DataFrame, digits: int | None, to_billion: float
) -> pd.DataFrame:
    """Shares with intervals; ``values`` and ``world`` have year, value, rounded, flag."""
    merged = values.merge(world, on="year", suffixes=("", "_world"), validate="many_to_one")
    rows = []
    for r in merged.to_dict("records"):
        a, b = float(r["value"]), float(r["value_world"])
        ha = half_unit(a, digits) if r["rounded"] else 0.0
        hb = half_unit(b, digits) if r["rounded_world"] else 0.0
        ratio = 100.0 * a / b
        low, high = ratio_interval(a, ha, b, hb)
        low, high = 100.0 * low, 100.0 * high
        half = max(high - ratio, ratio - low)
        decimals = shown_decimals(ratio, half)
        own, whole = str(r["flag"]), str(r["flag_world"])
        flags = "/".join(f for f in (own, whole) if f)
        flag = "" if not flags else f"{own or '-'} / {whole or '-'}"
        if ha or hb:
            precision = (
                f"inputs rounded to {digits} significant digits: {low:.2f}–{high:.2f} % "
                f"(±{half / ratio * 100:.1f} % of the share at most)"
            )
        else:
            precision = "inputs unrounded; shown to 3 significant digits"
        if "E" in flags:
            precision += "; includes a WTO estimate"
        rows.append(
            {
                "year": int(r["year"]),
                "value": round(ratio, decimals),
                "text": format_percent(ratio, decimals),
                "interval": format_interval(low, high, decimals) if (ha or hb) else "",
                "low": low,
                "high": high,
                "ratio": ratio,
                "decimals": decimals,
                "economy_value": a / to_billion,
                "world_value": b / to_billion,
                "flag": flag,
                "precision": precision,
            }
        )
    return pd.DataFrame(rows)


def world_share(
    economy: str | Sequence[str],
    measure: str = "mva",
    product: str | None = None,
    years: YearSpec = None,
) -> WorldShares:
    """Share of world manufacturing value added or of world exports of a product group.

    Parameters
    ----------
    economy
        An ISO code, name or alias (``"CHN"``, ``"China"``), or several to compare.
    measure
        ``"mva"``: manufacturing value added, current US$ (World Bank WDI, 1960–2021);
        ``"exports"``: merchandise exports of a WTO product group, US$ million (1990,
        1995, 2000, 2005, 2010, 2015, 2018).
    product
        With ``"exports"``: a WTO product-group code or name (default ``"MA"``,
        Manufactures; see :data:`pflab.data.wto.PRODUCTS`).
    years
        ``"2000-2021"``, ``2010``, ``(2000, None)``, a list … (default: every year).

    Returns
    -------
    WorldShares
        One row per economy and year, with ``value`` (percent), ``low``/``high`` and
        the ``precision`` and ``source`` of each row. Economy-years without a value are
        named in the notes, not filled.

    Raises
    ------
    pflab.errors.ParameterError
        For an unknown measure, a product with ``"mva"``, or years outside the data.
    pflab.errors.LookupFailedError
        For an unknown economy or product group.

    Examples
    --------
    >>> world_share("CHN", "mva", years=2021).row(2021)["text"]
    '30.4 %'
    """
    if measure not in MEASURES:
        raise ParameterError("measure", f"{measure!r}; expected one of {', '.join(MEASURES)}")
    notes: list[str] = []
    if measure == "mva":
        if product is not None:
            raise ParameterError("product", "applies to measure 'exports' only")
        data = load_mva()
        frame = data.frame.assign(flag="")
        code, product_name, digits, to_billion = data.code, data.name, data.rounded_digits, 1e9
        source: Source = data.source
        label = "world manufacturing value added"
        short = f"World Bank WDI {data.code}"
        if digits:
            short += f" (staged copy: values ≥ 1e11 at {digits} significant digits)"
    else:
        frame, source = load_wto_exports()
        code = resolve_product(product or "MA")
        product_name = PRODUCTS[code]
        frame = frame[frame["product"] == code].assign(rounded=False)
        digits, to_billion = None, 1e3
        label = f"world exports of {product_name}"
        short = f"WTO Stats ITS_MTV_AX {code}, {source.version}"
    names = dict(zip(frame["economy"], frame["country"], strict=True))
    given = [economy] if isinstance(economy, str) else list(economy)
    if measure == "mva" and any(" ".join(str(g).split()).casefold() in _TAIWAN for g in given):
        raise ParameterError(
            "economy",
            "the World Bank's WDI has no row for Taiwan; --measure exports has it (the WTO "
            "reports Chinese Taipei)",
        )
    codes = _economies(economy, names)
    world = frame[frame["economy"] == "WLD"][["year", "value", "rounded", "flag"]]
    chosen = parse_years(years, world["year"])
    world = world[world["year"].isin(chosen)]
    parts = []
    for e in codes:
        values = frame[(frame["economy"] == e) & frame["year"].isin(chosen)]
        missing = sorted(set(chosen) - set(values["year"]))
        if missing:
            notes.append(f"{names[e]} ({e}): no value in {format_spans(missing)}; left out.")
        if values.empty:
            continue
        shares = _compute(values[["year", "value", "rounded", "flag"]], world, digits, to_billion)
        parts.append(shares.assign(economy=e, country=names[e]))
    if not parts:
        raise ParameterError(
            "years", f"no value for {', '.join(codes)} in {format_spans(chosen)} ({label})"
        )
    out = pd.concat(parts, ignore_index=True).assign(
        measure=measure, product=code, product_name=product_name, source=short
    )
    order = ["economy", "country", "measure", "product", "product_name", "year", "value", "text",
             "interval", "low", "high", "ratio", "decimals", "economy_value", "world_value",
             "flag", "precision", "source"]  # fmt: skip
    out = out[order]
    notes = _notes(measure, codes, names, digits, out) + notes
    countries = "; ".join(names[e] for e in codes)  # "Hong Kong, China"
    return WorldShares(
        title=f"Share of {label}: {countries}",
        provenance=Provenance(
            method="world_share",
            sources=(source,),
            parameters={
                "economies": codes,
                "measure": measure,
                "product": code,
                "years": format_spans(chosen),
            },
            description=f"Economy's value / world total × 100 ({MEASURES[measure]}).",
        ),
        notes=tuple(notes),
        columns=_COLUMNS,
        frame=out,
        measure=measure,
    )


def _notes(
    measure: str, codes: list[str], names: dict[str, str], digits: int | None, out: pd.DataFrame
) -> list[str]:
    notes: list[str] = []
    if measure == "mva":
        if digits:
            notes.append(
                f"Precision: this copy of WDI gives values ≥ US$ 100 billion (China and the "
                f"World among them) to {digits} significant digits, so a share computed from "
                "them is known to about ±1 % of its value at worst (China 2021: 30.4 %, range "
                "30.3–30.6 %); shares show no more digits than the range allows, and low/high "
                "give the exact range."
            )
        notes.append(
            "World = the World Bank's World aggregate (WLD). Value added at current prices "
            "and market exchange rates; gross output ('production value') is larger and is "
            "not in WDI."
        )
    else:
        notes.append(
            "World = the WTO's own world total; the reporters' figures sum to 101–104 % of it "
            "(former and successor economies, re-exports), so a share is of the WTO's total."
        )
        notes.append(
            "The file has 1990, 1995, 2000, 2005, 2010, 2015 and 2018 only; nothing after "
            "2018 is embedded. Shares show 3 significant digits (the US$ million values are "
            "unrounded)."
        )
        if (out["flag"] != "").any():
            notes.append("Flag: E = WTO estimate, B = break in series (economy / world).")
    aggregates = [e for e in codes if e == "WLD" or (measure == "mva" and e in WB_AGGREGATES)]
    if aggregates:
        notes.append(f"{', '.join(aggregates)}: aggregate(s), not economies.")
    if set(codes) & _CHINA_FAMILY:
        if measure == "exports":
            notes.append(
                "Hong Kong, China (HKG) and Macao, China (MAC) report separately: their "
                "exports, Hong Kong's re-exports of mainland goods included, are not in "
                "China's figure (adding them would count goods twice). Chinese Taipei is TWN."
            )
        else:
            notes.append(
                "Hong Kong SAR (HKG) and Macao SAR (MAC) are separate economies in WDI; "
                "China's figure excludes them. WDI has no row for Taiwan."
            )
    return notes
