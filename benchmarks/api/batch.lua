-- 1,000 metrics per request (BATCH env var to change); the body is built once, so wrk measures the server.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local size = tonumber(os.getenv("BATCH") or "1000")
local items = {}
for i = 1, size do
  items[i] = string.format('{"name":"cpu_usage","value":%d.25,"labels":{"host":"server-%02d","region":"eu"}}', i, i % 50)
end
wrk.body = "[" .. table.concat(items, ",") .. "]"
wrk.path = "/api/v1/metrics/batch"

local counts = {}
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("metrics/s: %.0f (batch of %d, %d requests, %d non-2xx)\n",
    summary.requests / (summary.duration / 1e6) * size, size, summary.requests, summary.errors.status))
end
