"""Compare the corridors from Xi'an to Duisburg, with and without Russia.

    cd crates/python && maturin develop --release && cd ../..
    python examples/python/compare_corridors.py
"""

import silkroute


def show(title, resp):
    print(title)
    print(f"  {'corridor':<48} {'days':>6} {'USD':>7} {'t CO2e':>7}")
    for r in sorted(resp["routes"], key=lambda r: r["totals"]["time_h"]):
        t = r["totals"]
        name = r["corridor_name"] or "(no named corridor)"
        name = name if len(name) <= 48 else name[:47] + "…"
        print(f"  {name:<48} {t['time_h'] / 24:>6.1f} {t['cost_usd']:>7.0f} {t['co2e_kg'] / 1000:>7.2f}")
    for u in resp["unavailable"]:
        print(f"  {u['corridor_name'][:48]:<48} no route: {u['error']['kind']}")


def main():
    net = silkroute.Network.eurasia()
    show("Xi'an -> Duisburg, fastest per corridor", net.compare("Xi'an", "Duisburg", objective="time"))
    show(
        "... avoiding Russia and Belarus",
        net.compare("Xi'an", "Duisburg", objective="time", avoid_countries=["RU", "BY"]),
    )
    try:
        net.route("Xi'an", "Duisberg")
    except silkroute.SilkrouteError as e:
        print(f"\n{e.kind}: {e.message} (suggestions: {', '.join(e.suggestions)})")


if __name__ == "__main__":
    main()
