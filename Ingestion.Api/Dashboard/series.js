// The series chart: one metric name (and labels) from the aggregate endpoint, the average per window.
import { getJson } from "./api.js";
import { seriesChart } from "./charts.js";

const $ = (id) => document.getElementById(id);
// Range -> window: about 60 to 170 points whatever the range.
const WINDOWS = { "15m": ["15s", 15 * 60e3], "1h": ["1m", 3600e3], "6h": ["5m", 6 * 3600e3], "24h": ["15m", 24 * 3600e3], "7d": ["1h", 7 * 24 * 3600e3] };

export function seriesQuery() {
  const name = $("series-name").value.trim();
  if (!name) return null;
  const [window, span] = WINDOWS[$("series-range").value] ?? WINDOWS["1h"];
  const to = new Date();
  const from = new Date(to.getTime() - span);
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), window, fn: "avg,count" });
  for (const pair of $("series-labels").value.split(",").map((s) => s.trim()).filter(Boolean)) params.append("label", pair);
  return { name, from, to, window, url: `/api/v1/metrics/${encodeURIComponent(name)}/aggregate?${params}` };
}

export async function refreshSeries(signal) {
  const query = seriesQuery();
  if (!query) return;
  const result = await getJson(query.url, signal);
  const points = result.windows.map((w) => ({ t: new Date(w.start).getTime(), v: w.values.avg })).filter((p) => Number.isFinite(p.v));
  const caption = $("series-caption");
  if (points.length === 0) {
    $("series-chart").replaceChildren();
    caption.textContent = `No samples of ${query.name} in this window.`;
    return;
  }
  seriesChart($("series-chart"), points, query.from.getTime(), query.to.getTime());
  const last = points[points.length - 1];
  caption.textContent = `${query.name}: average per ${query.window} window, ${points.length} windows; latest ${last.v.toPrecision(4)}.`;
}

// Offers the names of recently stored metrics in the name field.
export async function loadNames(signal) {
  const page = await getJson("/api/v1/metrics?limit=200", signal);
  const names = [...new Set(page.items.map((m) => m.name))].sort();
  $("series-names").replaceChildren(...names.map((name) => Object.assign(document.createElement("option"), { value: name })));
  if (!$("series-name").value && names.length > 0) $("series-name").value = names[0];
}
