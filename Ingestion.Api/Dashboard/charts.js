// SVG drawing for the operations page: sparklines with an optional threshold, and the series chart. No dependencies.
const NS = "http://www.w3.org/2000/svg";

function el(name, attributes, text) {
  const node = document.createElementNS(NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function viewBox(svg) {
  const [, , width, height] = svg.getAttribute("viewBox").split(" ").map(Number);
  return { width, height };
}

// A line of recent values, newest at the right edge, `capacity` values wide; `threshold` (if given) is drawn dashed and
// keeps the vertical scale.
export function sparkline(svg, values, capacity, threshold) {
  const { width, height } = viewBox(svg);
  svg.replaceChildren();
  const finite = values.filter(Number.isFinite);
  const top = Math.max(1, ...finite, threshold ? threshold * 1.1 : 0);
  const y = (v) => height - 2 - (v / top) * (height - 4);
  if (threshold) {
    svg.append(el("line", { class: "threshold", x1: 0, x2: width, y1: y(threshold), y2: y(threshold) }));
  }
  if (finite.length > 1) {
    const step = width / (capacity - 1);
    const x = (i) => width - (values.length - 1 - i) * step;
    const points = values.map((v, i) => (Number.isFinite(v) ? `${x(i).toFixed(1)},${y(v).toFixed(1)}` : null)).filter(Boolean);
    svg.append(el("polyline", { points: points.join(" ") }));
  }
}

function niceNumber(value) {
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 0 }).format(value);
}

function clock(date, spanMs) {
  const options = spanMs > 36 * 3600e3
    ? { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }
    : { hour: "2-digit", minute: "2-digit" };
  return date.toLocaleString(undefined, { ...options, hourCycle: "h23", timeZone: "UTC" });
}

// One value per window (points: [{ t: Date, v: number }]) over [from, to], with axis labels and a dot per window.
export function seriesChart(svg, points, from, to) {
  const { width, height } = viewBox(svg);
  const pad = { left: 56, right: 12, top: 12, bottom: 28 };
  svg.replaceChildren();
  const span = Math.max(1, to - from);
  const values = points.map((p) => p.v);
  let low = Math.min(...values), high = Math.max(...values);
  if (!(high > low)) { low -= 1; high += 1; }
  const x = (t) => pad.left + ((t - from) / span) * (width - pad.left - pad.right);
  const y = (v) => pad.top + (1 - (v - low) / (high - low)) * (height - pad.top - pad.bottom);

  svg.append(el("line", { class: "axis", x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom }));
  svg.append(el("line", { class: "axis", x1: pad.left, x2: pad.left, y1: pad.top, y2: height - pad.bottom }));
  svg.append(el("text", { x: pad.left - 6, y: y(high) + 4, "text-anchor": "end" }, niceNumber(high)));
  svg.append(el("text", { x: pad.left - 6, y: y(low) + 4, "text-anchor": "end" }, niceNumber(low)));
  svg.append(el("text", { x: pad.left, y: height - 8 }, clock(new Date(from), span)));
  svg.append(el("text", { x: width - pad.right, y: height - 8, "text-anchor": "end" }, clock(new Date(to), span) + " UTC"));

  if (points.length > 1) {
    svg.append(el("polyline", { points: points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ") }));
  }
  for (const p of points) {
    const dot = el("circle", { cx: x(p.t).toFixed(1), cy: y(p.v).toFixed(1), r: 3 });
    dot.append(el("title", {}, `${new Date(p.t).toISOString()}: ${niceNumber(p.v)}`));
    svg.append(dot);
  }
}
