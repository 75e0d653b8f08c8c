// Renders /api/v1/ops/summary and /api/v1/ops/dlq into the page. Text only through textContent: nothing from the API is HTML.
import { sparkline } from "./charts.js";

const HISTORY = 60;
const acceptedHistory = [];
const lagHistory = [];
const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const rate = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

const fmt = (value) => (value === null || value === undefined ? "–" : number.format(value));
const fmtRate = (value) => (value === null || value === undefined ? "–" : rate.format(value));

// A table cell; `label` is its column's heading, shown beside the value where narrow screens stack the table.
function cell(row, text, className, label) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  if (label) td.dataset.label = label;
  return td;
}

function push(history, value) {
  history.push(value ?? NaN);
  if (history.length > HISTORY) history.shift();
}

function flag(id, value, whenTrue, whenFalse) {
  const dd = $(id);
  dd.textContent = value === null || value === undefined ? "not reported" : value ? whenTrue : whenFalse;
  dd.className = value ? "bad" : value === false ? "ok" : "quiet";
}

function chip(text, state, detail) {
  const li = document.createElement("li");
  li.className = `chip ${state}`;
  const strong = document.createElement("strong");
  strong.textContent = text;
  li.append(strong, document.createTextNode(`: ${detail}`));
  return li;
}

// Health check names as people say them: kafka-rider -> Kafka (rider), postgresql -> PostgreSQL.
function componentName(name) {
  const [head, ...rest] = name.split("-");
  const known = { kafka: "Kafka", postgresql: "PostgreSQL", masstransit: "MassTransit" }[head] ?? head;
  return rest.length ? `${known} (${rest.join(" ")})` : known;
}

export function renderSummary(summary) {
  const api = summary.api;
  $("api-accepted").textContent = fmtRate(api.acceptedPerSecond);
  $("api-4xx").textContent = fmtRate(api.clientErrorsPerSecond);
  $("api-5xx").textContent = fmtRate(api.serverErrorsPerSecond);
  flag("api-admission", api.admissionRefusing, "refusing", "accepting");
  flag("api-breaker", api.producerBreakerOpen, "open", "closed");
  push(acceptedHistory, api.acceptedPerSecond);
  sparkline($("accepted-spark"), acceptedHistory, HISTORY);

  const health = $("health");
  health.replaceChildren(
    ...summary.health.map((h) => chip(componentName(h.name),
      h.status === "healthy" ? "ok" : h.status === "degraded" ? "warn" : "bad", h.detail ? `${h.status} (${h.detail})` : h.status)),
    ...summary.workers.map((w, i) => chip(`worker ${i + 1}`, w.state === "ready" ? "ok" : "bad", w.detail ? `${w.state} (${w.detail})` : w.state)));

  renderWorkers(summary.workers);
  renderLag(summary.lag);
  $("dlq-depth").textContent = summary.deadLetters.depth === null ? "?" : fmt(summary.deadLetters.depth);
  $("dlq-topic").textContent = summary.deadLetters.topic;
}

function renderWorkers(workers) {
  const body = $("workers-table").tBodies[0];
  body.replaceChildren();
  $("workers-empty").hidden = workers.length > 0;
  for (const w of workers) {
    const row = body.insertRow();
    cell(row, w.url, "", "Worker");
    cell(row, w.state, w.state === "ready" ? "ok" : "bad", "State").title = w.detail ?? "";
    cell(row, fmtRate(w.persistedPerSecond), "num", "Persisted/s");
    cell(row, fmt(w.deadLetteredTotal), "num", "Dead-lettered");
    cell(row, w.blockedSeconds === null ? "–" : rate.format(w.blockedSeconds), w.blockedSeconds > 0 ? "num bad" : "num", "Blocked (s)");
    cell(row, fmt(w.partitionRestarts), w.partitionRestarts > 0 ? "num warn" : "num", "Restarts");
  }
}

function renderLag(lag) {
  $("lag-total").textContent = lag.total === null ? "?" : fmt(lag.total);
  const badge = $("lag-flag");
  badge.hidden = !lag.overThreshold;
  badge.textContent = "above threshold";
  badge.className = "badge bad";
  push(lagHistory, lag.total);
  sparkline($("lag-spark"), lagHistory, HISTORY, lag.warningThreshold);
  const notes = [`Group ${lag.group} on ${lag.topic}; warning threshold ${fmt(lag.warningThreshold)} (dashed line).`];
  if (lag.truncatedRecords > 0) notes.push(`The broker dropped ${fmt(lag.truncatedRecords)} records before they were consumed.`);
  if (lag.error) notes.push(lag.error);
  $("lag-note").textContent = notes.join(" ");
  const body = $("lag-table").tBodies[0];
  body.replaceChildren();
  const largest = Math.max(1, ...lag.partitions.map((p) => p.lag));
  for (const p of lag.partitions) {
    const row = body.insertRow();
    cell(row, String(p.partition));
    cell(row, fmt(p.lag), "num");
    cell(row, p.committedOffset === null ? "none" : fmt(p.committedOffset), "num");
    cell(row, fmt(p.highWatermark), "num");
    const bar = document.createElement("div");
    bar.className = p.lag > lag.warningThreshold ? "bar over" : "bar";
    bar.style.width = `${Math.round((p.lag / largest) * 100)}%`;
    row.insertCell().append(bar);
  }
}

export function renderDeadLetters(page) {
  const body = $("dlq-table").tBodies[0];
  body.replaceChildren();
  $("dlq-empty").hidden = page.items.length > 0;
  for (const item of page.items) {
    const row = body.insertRow();
    cell(row, item.deadLetteredAt.replace("T", " ").replace(/\.\d+/, "").replace(/(Z|\+00:00)$/, ""), "", "Time (UTC)");
    cell(row, item.reason ?? "unreadable", item.reason === "exhausted" ? "bad" : "warn", "Reason");
    cell(row, item.metricName ?? "–", "", "Metric");
    cell(row, item.error ?? "", "error", "Error");
    const command = document.createElement("div");
    command.className = "command";
    const code = document.createElement("code");
    code.textContent = item.showCommand;
    const copy = document.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy";
    copy.setAttribute("aria-label", `Copy the command: ${item.showCommand}`);
    copy.addEventListener("click", () => copyText(item.showCommand, copy));
    command.append(code, copy);
    const last = row.insertCell();
    last.dataset.label = "Show it";
    last.append(command);
  }
}

async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    // No clipboard (insecure origin or denied): select the text so Ctrl+C copies it.
    const range = document.createRange();
    range.selectNodeContents(button.previousElementSibling);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    button.textContent = "Selected";
  }
  setTimeout(() => { button.textContent = "Copy"; }, 2000);
}
