// The silkroute web map: a form over the public API v1 (POST /v1/compare,
// /v1/route, /v1/pareto; GET /v1/terminals, /v1/scenarios), the routes drawn
// from the GeoJSON the same endpoints return with
// `Accept: application/geo+json`. Everything comes from this server.
"use strict";

const COLOURS = ["#1f6fb2", "#d1495b", "#2a9d57", "#e08e0b", "#7b3fa0", "#00798c", "#8c5a2b", "#c2185b", "#556b2f"];
const options = JSON.parse(document.getElementById("options").textContent);
const $ = (id) => document.getElementById(id);

// Figures as the command line shows them: halves rounded away from zero.
function fig(x, decimals) {
  const scale = 10 ** decimals;
  return (Math.sign(x) * Math.round(Math.abs(x) * scale) / scale).toFixed(decimals);
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// --- the map -----------------------------------------------------------
const map = L.map("map", { worldCopyJump: false, minZoom: 2, maxZoom: 9 }).setView([42, 62], 3);
map.attributionControl.setPrefix("Leaflet");
map.attributionControl.addAttribution("Natural Earth (public domain) · silkroute dataset");
const routeLayer = L.layerGroup().addTo(map);
const endpointLayer = L.layerGroup().addTo(map);
let lines = [];

fetch("/assets/land.geojson")
  .then((r) => r.json())
  .then((land) => {
    L.geoJSON(land, {
      interactive: false,
      style: { color: "#b3ab96", weight: 0.6, fillColor: "#ebe6d9", fillOpacity: 1 },
    }).addTo(map).bringToBack();
  });

let nextField = "from";
function fill(value) {
  $(nextField).value = value;
  nextField = nextField === "from" ? "to" : "from";
}

fetch("/v1/terminals")
  .then((r) => r.json())
  .then((terminals) => {
    const names = $("terminal-names");
    const layer = L.layerGroup().addTo(map);
    for (const t of terminals) {
      names.append(el("option", { value: t.name }));
      L.circleMarker([t.lat, t.lon], { radius: 3, color: "#4a4f5a", weight: 1, fillColor: "#fff", fillOpacity: 1 })
        .bindTooltip(`${t.name} (${t.country}, ${t.kind.replace(/_/g, " ")})`)
        .on("click", (e) => { L.DomEvent.stopPropagation(e); fill(t.name); })
        .addTo(layer);
    }
  });

map.on("click", (e) => fill(`${e.latlng.lat.toFixed(3)},${e.latlng.lng.toFixed(3)}`));

// --- the form ----------------------------------------------------------
for (const o of options.objectives) $("objective").append(el("option", { value: o, textContent: o }));

function checks(container, title, name, values) {
  container.append(el("span", { class: "title", textContent: title }));
  for (const v of values) {
    container.append(el("label", {}, el("input", { type: "checkbox", name, value: v }), v));
  }
}
checks($("passages"), "Passages", "avoid_passages", options.passages);
checks($("modes"), "Only these modes (none ticked: all)", "modes", options.modes);

fetch("/v1/scenarios")
  .then((r) => r.json())
  .then((list) => {
    for (const s of list) {
      const label = el("label", { title: s.description },
        el("input", { type: "checkbox", name: "scenarios", value: s.id }), s.name);
      $("scenarios").append(label);
    }
  });

function ticked(name) {
  return [...document.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

function request(operation) {
  const body = { from: $("from").value.trim(), to: $("to").value.trim(), objective: $("objective").value };
  const countries = $("avoid-countries").value.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
  if (countries.length) body.avoid_countries = countries;
  for (const name of ["avoid_passages", "modes", "scenarios"]) {
    const v = ticked(name);
    if (v.length) body[name] = v;
  }
  if (operation === "route") body.alternatives = Number($("alternatives").value) || 0;
  return body;
}

async function call(operation, body, accept) {
  const r = await fetch(`/v1/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept },
    body: JSON.stringify(body),
  });
  const data = await r.json();
  if (!r.ok) throw data.error || { kind: "internal", message: `HTTP ${r.status}`, suggestions: [] };
  return data;
}

function showError(e, body) {
  const status = $("status");
  status.className = "error";
  status.replaceChildren(el("span", { textContent: e.message }));
  // Suggestions for an unknown name replace it in the field it came from.
  const field = e.kind !== "unknown_terminal" ? null
    : e.message.includes(`"${body.from}"`) ? "from"
    : e.message.includes(`"${body.to}"`) ? "to" : null;
  for (const s of e.suggestions || []) {
    const link = el("span", { class: "suggestion", textContent: s });
    if (field) link.addEventListener("click", () => { $(field).value = s; $("ask").requestSubmit(); });
    status.append(link);
  }
}

// --- results -----------------------------------------------------------
function select(i) {
  lines.forEach((line, j) => line.setStyle({ weight: j === i ? 7 : 4, opacity: j === i || i < 0 ? 0.9 : 0.35 }));
  if (i >= 0 && lines[i]) lines[i].bringToFront();
  document.querySelectorAll("#table tbody tr").forEach((tr) => tr.classList.toggle("selected", Number(tr.dataset.rank) === i));
}

function draw(geojson) {
  routeLayer.clearLayers();
  endpointLayer.clearLayers();
  lines = [];
  for (const f of geojson.features.filter((f) => f.properties.kind === "route")) {
    const rank = f.properties.rank;
    const line = L.geoJSON(f, { style: { color: COLOURS[rank % COLOURS.length], weight: 4, opacity: 0.9 } })
      .bindTooltip(`${f.properties.corridor ?? "route"}: ${fig(f.properties.time_days, 1)} days, ${fig(f.properties.cost_usd, 0)} USD`)
      .on("click", () => select(rank))
      .addTo(routeLayer);
    lines[rank] = line;
  }
  const first = geojson.features.find((f) => f.properties.kind === "route");
  if (first) {
    const c = first.geometry.coordinates;
    for (const [lon, lat] of [c[0], c[c.length - 1]]) {
      L.circleMarker([lat, lon], { radius: 7, color: "#1d2430", weight: 2, fillColor: "#ffd166", fillOpacity: 1 }).addTo(endpointLayer);
    }
    const group = L.featureGroup(lines.filter(Boolean));
    map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 6 });
  }
  $("map").dataset.routes = String(lines.filter(Boolean).length);
}

function row(rank, name, r, best) {
  const t = r.totals;
  const tr = el("tr", { class: best ? "best" : "" },
    el("td", {}, el("span", { class: "swatch" })),
    el("td", { textContent: name }),
    el("td", { class: "num", textContent: fig(t.time_h / 24, 1) }),
    el("td", { class: "num", textContent: fig(t.cost_usd, 0) }),
    el("td", { class: "num", textContent: fig(t.co2e_kg / 1000, 2) }),
    el("td", { class: "num", textContent: fig(t.distance_km, 0) }),
    el("td", { class: "num", textContent: String(t.transfers) }),
    el("td", { textContent: r.countries.join(" ") }));
  tr.dataset.rank = String(rank);
  tr.querySelector(".swatch").style.background = COLOURS[rank % COLOURS.length];
  tr.addEventListener("click", () => select(rank));
  return tr;
}

function table(operation, data) {
  const tbody = $("table").querySelector("tbody");
  tbody.replaceChildren();
  const objective = data.routes[0]?.objective_value;
  data.routes.forEach((r, i) => {
    const name = operation === "route"
      ? `${i === 0 ? "Best" : `Alternative ${i}`}: ${r.corridor_name ?? "no named corridor"}`
      : (r.corridor_name ?? "no named corridor");
    const best = operation === "compare"
      ? r.objective_value === Math.min(...data.routes.map((x) => x.objective_value))
      : i === 0 && objective !== undefined;
    tbody.append(row(i, name, r, best));
  });
  for (const u of data.unavailable || []) {
    const tr = el("tr", { class: "unavailable" }, el("td"), el("td", { textContent: u.corridor_name }),
      el("td", { colSpan: 6, textContent: `no route: ${u.error.message}` }));
    tbody.append(tr);
  }
  $("table").hidden = false;
}

$("ask").addEventListener("submit", async (event) => {
  event.preventDefault();
  const operation = new FormData($("ask")).get("operation");
  const body = request(operation);
  $("go").disabled = true;
  $("status").className = "";
  $("status").textContent = "Routing…";
  document.body.dataset.state = "busy";
  try {
    const [data, geojson] = await Promise.all([
      call(operation, body, "application/json"),
      call(operation, body, "application/geo+json"),
    ]);
    draw(geojson);
    table(operation, data);
    const n = data.routes.length;
    const first = data.routes[0];
    $("status").textContent = first
      ? `${first.legs[0].from.name} → ${first.legs[first.legs.length - 1].to.name}: ${n} route${n === 1 ? "" : "s"}`
      : "no route";
    document.body.dataset.state = "done";
  } catch (e) {
    showError(e, body);
    document.body.dataset.state = "error";
  } finally {
    $("go").disabled = false;
  }
});

// A link can ask a question: /?from=Xi'an&to=Duisburg runs it at once.
const params = new URLSearchParams(location.search);
if (params.get("from")) $("from").value = params.get("from");
if (params.get("to")) $("to").value = params.get("to");
if (params.get("from") && params.get("to")) $("ask").requestSubmit();
