"""The Python binding: routes, errors, compare, pareto, matrix, terminals,
and byte-identical JSON with the CLI."""

import json

import pytest

import silkroute

XIAN, DUISBURG = "Xi'an", "Duisburg"


def test_route_avoiding_russia_and_belarus_crosses_the_caspian(net):
    resp = net.route(XIAN, DUISBURG, objective="time", avoid_countries=["RU", "BY"])
    assert resp["api_version"] == 1
    best = resp["routes"][0]
    assert best["objective"] == "time"
    assert "RU" not in best["countries"] and "BY" not in best["countries"]
    assert any(leg["to"]["name"] == "Alat" for leg in best["legs"])
    total = sum(leg["time_h"] + leg["wait_h"] for leg in best["legs"])
    total += sum(t["time_h"] for t in best["transfers"])
    assert total == pytest.approx(best["totals"]["time_h"])


def test_route_options_and_alternatives(net):
    resp = net.route(XIAN, DUISBURG, alternatives=2, container=20, modes=["rail", "road", "sea"])
    assert 1 <= len(resp["routes"]) <= 3
    for r in resp["routes"]:
        assert r["container"] == 20
        assert {leg["mode"] for leg in r["legs"]} <= {"rail", "road", "sea"}
    costs = [r["objective_value"] for r in resp["routes"]]
    assert costs == sorted(costs)


def test_unknown_terminal_raises_with_kind_and_suggestions(net):
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.route("Xian", "Duisberg")
    e = info.value
    assert e.kind == "unknown_terminal"
    assert "Duisberg" in e.message and str(e) == e.message
    assert e.suggestions == ["Duisburg"]


def test_invalid_options_raise(net):
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.route(XIAN, DUISBURG, container=30)
    assert info.value.kind == "invalid_request"
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.route(XIAN, DUISBURG, objective="speed")
    assert info.value.kind == "unknown_name"
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.route(XIAN, DUISBURG, avoid_countries="RU")  # a str is not a list
    assert info.value.kind == "invalid_request" and "expected a sequence" in info.value.message
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.route(XIAN, DUISBURG, colour="red")  # not an option
    assert info.value.kind == "invalid_request" and "colour" in info.value.message


def test_compare_lists_every_corridor(net):
    resp = net.compare(XIAN, DUISBURG, objective="time")
    assert resp["api_version"] == 1
    assert resp["routes"], resp
    seen = [r["corridor"] for r in resp["routes"]] + [u["corridor"] for u in resp["unavailable"]]
    assert len(seen) == len(set(seen))
    for u in resp["unavailable"]:
        assert u["error"]["kind"]


def test_pareto_set_is_non_dominated(net):
    routes = net.pareto(XIAN, DUISBURG)["routes"]
    assert len(routes) >= 2
    key = [(r["totals"]["cost_usd"], r["totals"]["time_h"], r["totals"]["co2e_kg"]) for r in routes]
    assert [k[0] for k in key] == sorted(k[0] for k in key)
    for a in key:
        for b in key:
            assert not (b != a and all(x <= y for x, y in zip(b, a))), f"{b} dominates {a}"
    thinned = net.pareto(XIAN, DUISBURG, epsilon=0.2)["routes"]
    assert 1 <= len(thinned) <= len(routes)


def test_matrix_rows_and_statuses(net):
    rows = net.matrix([XIAN, "Duisburg"], ["Duisburg", "Rotterdam"], objective="time")
    assert [(r["origin"], r["destination"]) for r in rows] == [
        (XIAN, "Duisburg"), (XIAN, "Rotterdam"), ("Duisburg", "Duisburg"), ("Duisburg", "Rotterdam"),
    ]
    assert list(rows[0]) == [
        "origin", "destination", "corridor", "distance_km", "time_h", "cost_usd", "co2e_kg",
        "transfers", "status", "message",
    ]
    first = rows[0]
    assert first["status"] == "ok" and first["message"] is None
    assert first["time_h"] == net.route(XIAN, "Duisburg", objective="time")["routes"][0]["totals"]["time_h"]
    same = rows[2]
    assert same["status"] == "same_origin_destination" and same["time_h"] is None and same["message"]


def test_matrix_unreachable_and_unknown_pairs_are_rows(net):
    rows = net.matrix([XIAN], ["Duisberg", "Duisburg"], modes=["road"], max_transfers=0)
    assert rows[0]["status"] == "unknown_terminal" and rows[0]["cost_usd"] is None
    assert rows[1]["status"] in ("ok", "no_route")
    if rows[1]["status"] == "no_route":
        assert rows[1]["cost_usd"] is None and rows[1]["message"]
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.matrix([XIAN], ["Duisburg"], container=30)
    assert info.value.kind == "invalid_request"


def test_matrix_dataframe(net):
    pd = pytest.importorskip("pandas")
    df = net.matrix([XIAN], ["Duisburg", "Rotterdam"], as_dataframe=True)
    assert isinstance(df, pd.DataFrame)
    assert list(df["destination"]) == ["Duisburg", "Rotterdam"]


def test_terminals_find_and_versions(net):
    all_terminals = net.terminals()
    assert len(all_terminals) > 50
    assert {"id", "name", "aliases", "country", "kind", "lat", "lon"} <= set(all_terminals[0])
    found = net.terminals("duis")
    assert [t["id"] for t in found] == ["duisburg"]
    assert net.find("Duisport")["id"] == "duisburg"
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.find("Duisberg")
    assert info.value.kind == "unknown_terminal" and "Duisburg" in info.value.suggestions
    v = net.version()
    assert v["api_version"] == silkroute.API_VERSION == 1
    assert v["library_version"] == silkroute.version() == silkroute.__version__
    assert "eurasia" in repr(net)


def test_from_bytes_and_from_path(net, tmp_path):
    with pytest.raises(silkroute.SilkrouteError) as info:
        silkroute.Network.from_bytes(b"{not json")
    assert info.value.kind == "invalid_network"
    with pytest.raises(silkroute.SilkrouteError) as info:
        silkroute.Network.from_path(tmp_path / "missing.geojson")
    assert info.value.kind == "io"


def test_call_returns_errors_as_json(net):
    err = json.loads(net.call("route", '{"from": "Xian", "to": "Duisberg"}'))
    assert err["error"]["kind"] == "unknown_terminal"
    err = json.loads(net.call("teleport", "{}"))
    assert err["error"]["kind"] == "unknown_operation"
    assert json.loads(net.call("route", json.dumps({"from": XIAN, "to": DUISBURG}))) == net.route(XIAN, DUISBURG)


@pytest.mark.parametrize(
    "args, op, req",
    [
        (
            ["route", "--from", XIAN, "--to", "Duisburg", "--objective", "time", "--avoid-country", "RU,BY"],
            "route",
            {"from": XIAN, "to": "Duisburg", "objective": "time", "avoid_countries": ["RU", "BY"]},
        ),
        (["route", "--from", XIAN, "--to", "Rotterdam", "--alternatives", "2"], "route",
         {"from": XIAN, "to": "Rotterdam", "alternatives": 2}),
        (["compare", "--from", XIAN, "--to", "Duisburg"], "compare", {"from": XIAN, "to": "Duisburg"}),
        (["pareto", "--from", XIAN, "--to", "Duisburg", "--epsilon", "0.05"], "pareto",
         {"from": XIAN, "to": "Duisburg", "epsilon": 0.05}),
        (["route", "--from", "Xian", "--to", "Duisberg"], "route", {"from": "Xian", "to": "Duisberg"}),
        (["terminals", "--search", "duis"], "terminals", {"search": "duis"}),
    ],
)
def test_call_is_byte_identical_to_the_cli(net, run_cli, args, op, req):
    code, stdout = run_cli(*args, "--json")
    assert stdout.endswith("\n"), stdout
    assert net.call(op, json.dumps(req)) + "\n" == stdout
    py = net.call(op, json.dumps(req))
    if '"error"' in py:
        assert code != 0


def test_scenarios_are_passed_to_the_engine(net):
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.route(XIAN, DUISBURG, scenarios=["no-such-scenario"])
    assert info.value.kind == "unknown_scenario"
    with pytest.raises(silkroute.SilkrouteError) as info:
        net.matrix([XIAN], [DUISBURG], scenarios=["no-such-scenario"])
    assert info.value.kind == "unknown_scenario"


def test_emissions_breakdown_adds_up_and_cargo_tonnes_scale(net):
    rep = net.emissions(XIAN, DUISBURG)
    rows = rep["rows"]
    assert {r["element"] for r in rows} == {"leg", "hub"}
    totals = rep["route"]["totals"]
    assert sum(r["co2e_kg"] for r in rows) == pytest.approx(totals["co2e_kg"])
    assert totals["co2e_ttw_kg"] + totals["co2e_wtt_kg"] == pytest.approx(totals["co2e_kg"])
    heavy = net.emissions(XIAN, DUISBURG, cargo_tonnes=25)
    assert heavy["cargo_tonnes"] == 25
    for a, b in zip(rows, heavy["rows"]):
        k = 25 / 20 if a["activity_unit"] == "t_km" else 1
        assert b["co2e_kg"] == pytest.approx(a["co2e_kg"] * k, abs=2e-3)
    with pytest.raises(silkroute.SilkrouteError) as e:
        net.route(XIAN, DUISBURG, cargo_tonnes=40)
    assert e.value.kind == "invalid_request"
