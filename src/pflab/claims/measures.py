"""The measures a claim may name, by key.

Each entry of :data:`MEASURES` pairs a function with the model of its parameters, so the
claims file is checked (measure names and every parameter) before anything is computed.
A measure whose capability is not installed (a module another part of pflab provides)
is still registered: it returns a "not measurable yet" measurement with the reason.
"""

from __future__ import annotations

from pflab.claims.base import MeasureSpec
from pflab.claims.economy import (
    ExportShareParams,
    ImportContentParams,
    StructureParams,
    StructureRatioParams,
    export_share,
    import_content,
    structure_ratio,
    structure_share,
)
from pflab.claims.gvc import GVCParams, gvc_indicator
from pflab.claims.tfp import TFPParams, tfp_era
from pflab.claims.world import CatchUpParams, WorldShareParams, catch_up_gap, world_share_latest

__all__ = ["MEASURES"]

#: Measure key → its function, parameter model and description.
MEASURES: dict[str, MeasureSpec] = {
    "tfp_era": MeasureSpec(
        tfp_era,
        TFPParams,
        "average annual TFP growth in an era, every registered data series (pflab.accounting)",
    ),
    "world_share": MeasureSpec(
        world_share_latest,
        WorldShareParams,
        "share of world manufacturing value added (WDI) or of world exports of a WTO "
        "product group (pflab.world)",
    ),
    "catch_up_gap": MeasureSpec(
        catch_up_gap,
        CatchUpParams,
        "difference in average growth of GDP per head of two economies, Maddison 2020 and "
        "2023 (pflab.world)",
    ),
    "structure_share": MeasureSpec(
        structure_share,
        StructureParams,
        "a sector group's share of value added or employment in an input-output table "
        "(pflab.policy.structure)",
    ),
    "structure_ratio": MeasureSpec(
        structure_ratio,
        StructureRatioParams,
        "one sector group's share over another's (pflab.policy.structure)",
    ),
    "export_share": MeasureSpec(
        export_share,
        ExportShareParams,
        "a section's exports or net exports over its gross output (pflab.policy.structure)",
    ),
    "import_content": MeasureSpec(
        import_content,
        ImportContentParams,
        "total import content of an ISIC division's output, m'L (pflab.network)",
    ),
    "gvc": MeasureSpec(
        gvc_indicator,
        GVCParams,
        "value added in trade on world input-output tables (pflab.gvc)",
    ),
}
