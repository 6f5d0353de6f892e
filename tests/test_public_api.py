"""The public names of every package, pinned: a change to pflab's API is a deliberate edit.

Adding, removing or renaming a public name must change this file (and CHANGELOG.md when a
user could have relied on the name). Each pinned name must resolve, including the lazily
loaded ones, and ``__all__`` must hold no duplicates.
"""

from __future__ import annotations

import importlib

import pytest

PUBLIC: dict[str, tuple[str, ...]] = {
    "pflab.cli": ("app", "main"),
    "pflab.web": ("WebSettings", "create_app"),
    "pflab.report": (
        "era_contributions_figure",
        "history_figure",
        "relative_income_figure",
        "sensitivity_figure",
        "world_share_figure",
        "write_html",
    ),
    "pflab": (
        "IOTable",
        "PflabError",
        "Provenance",
        "Result",
        "Source",
        "__version__",
        "domar_weights",
        "growth_accounting",
        "load_io",
        "load_pwt",
        "load_registry",
        "multipliers",
        "read_pwt",
        "sensitivity",
        "shock_analysis",
    ),
    "pflab.accounting": (
        "CIPAggregate",
        "COMPONENTS",
        "DEFAULT_ERAS",
        "Era",
        "EraTable",
        "GrowthAccounting",
        "INDUSTRY_GROUPS",
        "IndustryAggregation",
        "IndustryTFP",
        "METHODS",
        "Method",
        "SensitivityTable",
        "SpilloverTest",
        "TFPSeries",
        "TFP_SERIES",
        "VintageComparison",
        "aggregate_industries",
        "cip_aggregate",
        "decompose",
        "get_method",
        "growth_accounting",
        "industry_tfp",
        "method_grid",
        "parse_eras",
        "sensitivity",
        "spillovers",
        "vintage_comparison",
        "vintage_notes",
    ),
    "pflab.claims": (
        "CONSISTENT",
        "Claim",
        "ClaimsFile",
        "ClaimsLedger",
        "Context",
        "MEASURES",
        "MeasureRef",
        "Measurement",
        "NOT_MEASURABLE",
        "NOT_SUPPORTED",
        "PARTLY",
        "Rule",
        "Tolerance",
        "VERDICTS",
        "capabilities",
        "claims_path",
        "evaluate",
        "judge",
        "load_claims",
    ),
    "pflab.data": (
        "CIPData",
        "PWTData",
        "PWT_VINTAGES",
        "VARIABLES",
        "detect_version",
        "load_cip",
        "load_concordance",
        "load_pwt",
        "read_cip",
        "read_pwt",
        "resolve_country",
        "sector_groups",
        "sectors_for_group",
        "sectors_for_isic",
    ),
    "pflab.data.iotables": (
        "EmploymentMap",
        "IOCatalog",
        "IOTable",
        "IO_SOURCES",
        "MRIOTable",
        "aggregate",
        "available_io",
        "concordance_matrix",
        "from_pymrio",
        "io_catalog",
        "isic_map",
        "isic_mapping",
        "load_io",
        "map_employment",
        "nbs_table",
        "oecd_table",
        "read_nbs_excel",
        "read_oecd_csv",
        "read_table",
        "read_wiod",
        "to_isic",
        "to_pymrio",
        "wiod_table",
        "write_table",
    ),
    "pflab.gvc": (
        "BM_LABELS",
        "ExportDecomposition",
        "GVCIncome",
        "GVCPath",
        "KWW_LABELS",
        "Localisation",
        "METHODS",
        "PEERS",
        "ValueAddedOrigin",
        "WIOT2013_YEARS",
        "WWZ_LABELS",
        "available_wiot",
        "borin_mancini",
        "decompose",
        "gvc_income",
        "kww",
        "load_wiot",
        "localisation",
        "parse_years",
        "path",
        "read_icio_csv",
        "read_wiod2016",
        "read_wiot2013",
        "read_world_table",
        "value_added_origin",
        "wwz",
    ),
    "pflab.network": (
        "CESEconomy",
        "DEFAULT_ELASTICITIES",
        "Footprints",
        "IOTable",
        "IO_SOURCES",
        "LeontiefSolver",
        "MRIOTable",
        "PriceEffects",
        "SectorResult",
        "ShockAnalysis",
        "WeightedShock",
        "aggregate",
        "available_io",
        "cost_push",
        "distortion_centrality",
        "domar_jacobian",
        "domar_weights",
        "downstreamness",
        "exact_response",
        "extraction",
        "from_pymrio",
        "hulten",
        "import_content",
        "imports_by_product",
        "io_catalog",
        "leontief_inverse",
        "linkages",
        "load_io",
        "mrio_footprints",
        "multipliers",
        "output_for",
        "parse_shock",
        "position",
        "read_nbs_excel",
        "read_oecd_csv",
        "read_table",
        "read_wiod",
        "resolve_shocks",
        "second_order",
        "shock_analysis",
        "technical_coefficients",
        "to_isic",
        "to_pymrio",
        "upstreamness",
        "write_table",
    ),
    "pflab.policy": (
        "Exposure",
        "Family",
        "KINDS",
        "MapValidation",
        "Programme",
        "ProgrammeDetail",
        "Registry",
        "RegistryListing",
        "SectorMap",
        "SectorMaps",
        "SectorWeights",
        "Timeline",
        "build_timeline",
        "economy_exposure",
        "list_programmes",
        "load_registry",
        "load_sector_maps",
        "programme_exposure",
        "programme_shock",
        "programme_shocks",
        "programme_weights",
        "show_programme",
        "timeline_frame",
        "validate_sector_maps",
    ),
    "pflab.policy.terms": (
        "BUILTIN",
        "BuiltinCorpus",
        "CONGRESS_YEARS",
        "Concordance",
        "Cooccurrence",
        "Corpus",
        "Document",
        "EXTRA_TERMS",
        "FirstUse",
        "GWR_SOURCE",
        "Glossary",
        "GlossaryTable",
        "Term",
        "TermComparison",
        "TermCounts",
        "build_congress_terms",
        "build_gwr_terms",
        "clean_text",
        "compare_counts",
        "cooccurrence",
        "corpora_for",
        "count_document",
        "count_terms",
        "default_glossary",
        "glossary_table",
        "kwic",
        "load_congress_counts",
        "load_counts",
        "load_gwr_counts",
        "read_builtin",
        "read_corpus",
        "read_texts",
        "track_terms",
    ),
    "pflab.simulate": (
        "BUILTIN_SCENARIOS",
        "Backtest",
        "Comparison",
        "CompiledModel",
        "MacroBase",
        "ParameterTable",
        "PrimBox",
        "RunSink",
        "Scenario",
        "SectorStructure",
        "SensitivityResult",
        "SimulationResult",
        "backtest",
        "compare",
        "compile_model",
        "discover",
        "implied_investment_rate",
        "ishigami",
        "load_scenario",
        "load_sectors",
        "macro_base",
        "parameter_table",
        "prim",
        "sensitivity",
        "simulate",
        "simulate_model",
    ),
    "pflab.store": ("RunStore",),
    "pflab.tables": (
        "BLOCKS",
        "Balance",
        "Block",
        "IOTable",
        "LeontiefSolver",
        "MRIOTable",
        "aggregate",
        "concordance_matrix",
    ),
    "pflab.world": (
        "CatchUp",
        "DEFAULT_LEADERS",
        "DEFAULT_LEVELS",
        "EPISODES",
        "Episode",
        "LongRunRecord",
        "MEASURES",
        "PERIODS",
        "RelativeIncome",
        "WorldShares",
        "catch_up",
        "history",
        "leader_series",
        "level_crossings",
        "relative_income",
        "resolve_product",
        "world_share",
    ),
    "pflab.result": (
        "Column",
        "RESULT_SCHEMA",
        "Result",
        "View",
        "format_cell",
        "json_value",
        "table_records",
    ),
    "pflab.errors": (
        "DataError",
        "DataFormatError",
        "DataNotFoundError",
        "DataValidationError",
        "LookupFailedError",
        "ModelError",
        "ParameterError",
        "PflabError",
        "RunInterruptedError",
    ),
    "pflab.provenance": (
        "Provenance",
        "Source",
    ),
    "pflab.files": (
        "atomic_path",
        "check_output_path",
        "write_text_atomic",
    ),
}


def _optional(names: list[str]) -> list[str]:
    present = []
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        present.append(name)
    return present


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_names_are_pinned(package: str) -> None:
    module = importlib.import_module(package)
    exported = list(module.__all__)
    assert len(exported) == len(set(exported)), f"{package}.__all__ repeats a name"
    added = sorted(set(exported) - set(PUBLIC[package]))
    removed = sorted(set(PUBLIC[package]) - set(exported))
    assert not added and not removed, (
        f"{package}: public names changed (added {added}, removed {removed}); "
        "update tests/test_public_api.py and CHANGELOG.md deliberately"
    )


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert not missing, f"{package}.__all__ names what it does not define: {missing}"


def test_every_subpackage_is_pinned() -> None:
    import pkgutil

    import pflab

    packages = {
        info.name
        for info in pkgutil.walk_packages(pflab.__path__, "pflab.")
        if info.ispkg and not info.name.split(".")[-1].startswith("_")
    }
    unpinned = sorted(
        name
        for name in _optional(sorted(packages))
        if hasattr(importlib.import_module(name), "__all__") and name not in PUBLIC
    )
    assert not unpinned, f"packages with public names not pinned here: {unpinned}"
