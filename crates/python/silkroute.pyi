"""Multimodal freight routing across the Eurasian corridors.

Results are the API v1 JSON (the same as ``silkroute ... --json``) parsed
into plain dicts; failures raise :class:`SilkrouteError`. The JSON Schema of
every dict is ``crates/bindings/schema/api-v1.schema.json``.
"""

from os import PathLike
from typing import Any, Dict, List, Literal, Optional, Sequence, Union, overload

from typing_extensions import TypedDict, Unpack

__version__: str
API_VERSION: int

Objective = Literal["cost", "time", "distance", "co2e", "generalized"]
Container = Literal[20, 40]
# API v1 dicts: see the JSON Schema for their fields. New keys may appear in
# a minor version.
RouteResponse = Dict[str, Any]
CompareResponse = Dict[str, Any]
TerminalInfo = Dict[str, Any]
VersionInfo = Dict[str, Any]
MatrixRow = Dict[str, Any]
EmissionsResponse = Dict[str, Any]

class RouteOptions(TypedDict, total=False):
    """The keyword arguments of ``route``, ``compare``, ``pareto`` and
    ``matrix``: the fields of an API v1 route request (see the JSON Schema).
    An unknown keyword raises SilkrouteError of kind ``invalid_request``."""

    objective: Objective
    via: Sequence[str]
    modes: Sequence[str]
    avoid_countries: Sequence[str]
    avoid_passages: Sequence[str]
    avoid_terminals: Sequence[str]
    avoid_legs: Sequence[str]
    avoid_corridors: Sequence[str]
    max_transfers: int
    container: Container
    alternatives: int
    value_of_time: float
    carbon_price: float
    scenarios: Sequence[str]
    cargo_tonnes: float

def version() -> str:
    """The library version, e.g. ``"0.1.0"``."""

class SilkrouteError(Exception):
    """Any failure of a silkroute request."""

    kind: str
    """Stable snake_case kind: ``unknown_terminal``, ``no_route``,
    ``invalid_request``, ``contradictory_constraints``, ``io``,
    ``invalid_network``, … New kinds may appear: treat unknown ones as
    generic failures."""
    message: str
    """A sentence for people."""
    suggestions: List[str]
    """Closest names for an unknown name (possibly empty)."""

class Network:
    """A loaded freight network, ready to route. Thread-safe; methods release
    the GIL while routing."""

    @staticmethod
    def eurasia() -> "Network":
        """The embedded Eurasian network."""
    @staticmethod
    def from_path(path: Union[str, "PathLike[str]"]) -> "Network":
        """A network from a GeoJSON file (plain or gzip). Raises
        SilkrouteError of kind ``io``, ``too_large`` or ``invalid_network``."""
    @staticmethod
    def from_bytes(data: bytes) -> "Network":
        """A network from the bytes of a GeoJSON file (plain or gzip)."""
    def route(
        self, origin: str, destination: str, **options: Unpack[RouteOptions]
    ) -> RouteResponse:
        """The best route and up to ``alternatives`` others:
        ``{"api_version": 1, "routes": [...]}``."""
    def emissions(
        self, origin: str, destination: str, **options: Unpack[RouteOptions]
    ) -> EmissionsResponse:
        """The best route's ISO 14083 breakdown, leg by leg and hub by hub:
        ``{"api_version": 1, "route": {...}, "cargo_tonnes": ..., "rows": [...]}``."""
    def compare(
        self, origin: str, destination: str, **options: Unpack[RouteOptions]
    ) -> CompareResponse:
        """The best route of each corridor and the corridors without one:
        ``{"api_version": 1, "routes": [...], "unavailable": [...]}``."""
    def pareto(
        self,
        origin: str,
        destination: str,
        epsilon: float = 0.0,
        **options: Unpack[RouteOptions],
    ) -> RouteResponse:
        """The Pareto set over (cost, time, CO2e), cheapest first."""
    @overload
    def matrix(
        self,
        origins: Sequence[str],
        destinations: Sequence[str],
        as_dataframe: Literal[False] = False,
        **options: Unpack[RouteOptions],
    ) -> List[MatrixRow]: ...
    @overload
    def matrix(
        self,
        origins: Sequence[str],
        destinations: Sequence[str],
        as_dataframe: Literal[True],
        **options: Unpack[RouteOptions],
    ) -> Any:
        """One row per (origin, destination) pair, origins major, with the
        columns of ``silkroute matrix`` (origin, destination, corridor,
        distance_km, time_h, cost_usd, co2e_kg, transfers, status, message);
        ``status`` is ``"ok"`` or why there is no route (``"no_route"``,
        ``"same_origin_destination"``, ``"unknown_terminal"``, …). A pandas
        DataFrame with ``as_dataframe=True``."""
    def terminals(self, search: Optional[str] = None) -> List[TerminalInfo]:
        """Terminals whose name, alias or id contains ``search``."""
    def find(self, query: str) -> TerminalInfo:
        """One terminal by id, name or alias."""
    def version(self) -> VersionInfo:
        """Library, API and dataset versions."""
    def call(self, operation: str, request: str) -> str:
        """Raw API v1: JSON in, JSON text out (byte-identical to the CLI's
        ``--json``); errors are returned as an error response."""
