// The API reference: the OpenAPI document of this server, rendered as
// plain HTML (operations, parameters, bodies, responses, schemas).
"use strict";

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else e[k] = v;
  }
  for (const c of children) e.append(c);
  return e;
}

function refName(schema) {
  return schema && schema.$ref ? schema.$ref.split("/").pop() : null;
}

function typeOf(s) {
  if (!s) return "";
  const ref = refName(s);
  if (ref) return el("a", { href: `#schema-${ref}`, textContent: ref });
  if (s.type === "array") {
    const span = el("span", {}, "array of ");
    span.append(typeOf(s.items));
    return span;
  }
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (s.anyOf || s.oneOf) {
    const span = el("span");
    (s.anyOf || s.oneOf).forEach((x, i) => {
      if (i) span.append(" or ");
      span.append(x.type === "null" ? "null" : typeOf(x));
    });
    return span;
  }
  if (Array.isArray(s.type)) return s.type.join(" or ");
  return s.type || "any";
}

function content(c) {
  const p = el("p");
  for (const [media, m] of Object.entries(c || {})) {
    p.append(el("code", { textContent: media }), ": ", typeOf(m.schema), " ");
  }
  return p;
}

function operation(path, method, op) {
  const box = el("section", { class: "op", id: `op-${method}-${path}` },
    el("div", {}, el("span", { class: `method ${method}`, textContent: method.toUpperCase() }),
      el("span", { class: "path", textContent: path })));
  if (op.summary) box.append(el("p", { textContent: op.summary }));
  if (op.description && op.description !== op.summary) box.append(el("p", { textContent: op.description }));
  if (op.parameters?.length) {
    const t = el("table", {}, el("tr", {}, el("th", { textContent: "query parameter" }), el("th", { textContent: "type" }), el("th", { textContent: "description" })));
    for (const p of op.parameters) {
      t.append(el("tr", {}, el("td", {}, el("code", { textContent: p.name })), el("td", {}, typeOf(p.schema)), el("td", { textContent: p.description || "" })));
    }
    box.append(t);
  }
  if (op.requestBody) {
    box.append(el("h4", { textContent: "Request body" }));
    if (op.requestBody.description) box.append(el("p", { textContent: op.requestBody.description }));
    box.append(content(op.requestBody.content));
  }
  const t = el("table", {}, el("tr", {}, el("th", { textContent: "status" }), el("th", { textContent: "meaning" }), el("th", { textContent: "body" })));
  for (const [status, r] of Object.entries(op.responses || {})) {
    t.append(el("tr", {}, el("td", { textContent: status }), el("td", { textContent: r.description || "" }), el("td", {}, content(r.content))));
  }
  box.append(el("h4", { textContent: "Responses" }), t);
  return box;
}

function schema(name, s) {
  const box = el("section", { class: "schema", id: `schema-${name}` }, el("h3", {}, el("code", { textContent: name })));
  if (s.description) box.append(el("p", { textContent: s.description }));
  if (s.enum || s.oneOf) box.append(el("p", {}, typeOf(s)));
  if (s.properties) {
    const required = new Set(s.required || []);
    const t = el("table", {}, el("tr", {}, el("th", { textContent: "field" }), el("th", { textContent: "type" }), el("th", { textContent: "description (units)" })));
    for (const [k, p] of Object.entries(s.properties)) {
      const name = el("td", {}, el("code", { textContent: k }));
      if (required.has(k)) name.append(" ", el("span", { class: "req", textContent: "required" }));
      t.append(el("tr", {}, name, el("td", {}, typeOf(p)), el("td", { textContent: p.description || "" })));
    }
    box.append(t);
  }
  return box;
}

fetch("/openapi.json")
  .then((r) => r.json())
  .then((doc) => {
    const root = document.getElementById("doc");
    root.replaceChildren(
      el("h1", { textContent: `${doc.info.title} ${doc.info.version}` }),
      el("p", { textContent: doc.info.description || "" }));
    const tags = new Map((doc.tags || []).map((t) => [t.name, t]));
    const byTag = new Map();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const tag = (op.tags || ["other"])[0];
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(operation(path, method, op));
      }
    }
    const order = [...tags.keys()];
    const rank = (t) => (order.includes(t) ? order.indexOf(t) : order.length);
    for (const [tag, ops] of [...byTag].sort(([a], [b]) => rank(a) - rank(b))) {
      root.append(el("h2", { textContent: tag }));
      if (tags.get(tag)?.description) root.append(el("p", { textContent: tags.get(tag).description }));
      root.append(...ops);
    }
    root.append(el("h2", { textContent: "Schemas" }));
    for (const [name, s] of Object.entries(doc.components?.schemas || {}).sort(([a], [b]) => a.localeCompare(b))) {
      root.append(schema(name, s));
    }
    document.body.dataset.state = "done";
  });
