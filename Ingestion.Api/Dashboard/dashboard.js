// The operations page: refreshes every few seconds while the tab is visible, pauses while it is hidden.
import { getJson, KeyRequiredError, setApiKey } from "./api.js";
import { renderDeadLetters, renderSummary } from "./render.js";
import { loadNames, refreshSeries } from "./series.js";

const REFRESH_MS = 3000;
const DLQ_LIMIT = 10;
const $ = (id) => document.getElementById(id);

let timer = null;
let inFlight = null;
let lastDepth = null;
let namesLoaded = false;

function status(text, isError) {
  const line = $("status");
  line.textContent = text;
  line.classList.toggle("error", Boolean(isError));
}

function askForKey(message) {
  $("key-message").textContent = message;
  $("key-form").hidden = false;
  $("key-input").focus();
}

async function refresh() {
  clearTimeout(timer);
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  try {
    const summary = await getJson("/api/v1/ops/summary", controller.signal);
    renderSummary(summary);
    // The list is read again only when the depth moved (or on the first refresh): it costs a fetch from Kafka.
    if (summary.deadLetters.depth !== lastDepth) {
      renderDeadLetters(await getJson(`/api/v1/ops/dlq?limit=${DLQ_LIMIT}`, controller.signal));
      lastDepth = summary.deadLetters.depth;
    }
    if (!namesLoaded) {
      await loadNames(controller.signal);
      namesLoaded = true;
    }
    await refreshSeries(controller.signal);
    const at = new Date(summary.generatedAt).toISOString().slice(11, 19);
    status(`Updated ${at} UTC; refreshing every ${REFRESH_MS / 1000} s while this tab is visible.`);
  } catch (error) {
    if (error.name === "AbortError") return;
    if (error instanceof KeyRequiredError) {
      status(error.message, true);
      askForKey(error.message);
      return; // no retry loop until a key is entered
    }
    status(`Refresh failed: ${error.message}. Retrying.`, true);
  } finally {
    if (inFlight === controller) inFlight = null;
  }
  schedule();
}

function schedule() {
  clearTimeout(timer);
  if (document.visibilityState === "visible") timer = setTimeout(refresh, REFRESH_MS);
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") {
    refresh();
  } else {
    clearTimeout(timer);
    inFlight?.abort();
    status("Paused while this tab is hidden.");
  }
});

$("key-form").addEventListener("submit", (event) => {
  event.preventDefault();
  setApiKey($("key-input").value.trim());
  $("key-input").value = "";
  $("key-form").hidden = true;
  lastDepth = null;
  refresh();
});

$("series-form").addEventListener("submit", (event) => {
  event.preventDefault();
  refreshSeries().catch((error) => status(`Series: ${error.message}`, true));
});
$("series-range").addEventListener("change", () => refreshSeries().catch((error) => status(`Series: ${error.message}`, true)));

refresh();
