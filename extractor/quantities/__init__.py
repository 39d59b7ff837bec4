"""Stage 5, quantities: every number with its unit and comparator (recognise), the role each plays
(roles), the metric it measures (metrics), and the target records of an item (targets)."""

from .recognise import Quantity, excluded_ranges, find_quantities, holds_quantity

__all__ = ["Quantity", "excluded_ranges", "find_quantities", "holds_quantity"]
