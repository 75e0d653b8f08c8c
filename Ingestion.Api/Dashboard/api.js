// Fetches for the operations page. The API key (when the API requires one) lives in this tab's sessionStorage only.
const KEY = "ingestion.apiKey";

export class KeyRequiredError extends Error {}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
}

export async function getJson(url, signal) {
  const headers = { Accept: "application/json" };
  const key = sessionStorage.getItem(KEY);
  if (key) headers["X-Api-Key"] = key;
  const response = await fetch(url, { headers, signal, cache: "no-store" });
  if (response.status === 401) throw new KeyRequiredError(key ? "The API key was refused." : "This API requires a key.");
  if (!response.ok) {
    let detail = "";
    try { const problem = await response.json(); detail = problem.detail || problem.title || ""; } catch { /* not JSON */ }
    throw new Error(`${url.split("?")[0]} answered ${response.status}${detail ? ": " + detail : ""}`);
  }
  return response.json();
}
