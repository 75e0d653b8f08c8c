-- 1,000 metrics per request (BATCH env var to change); the body is built once, so wrk measures the server.
-- WIDE=1: each metric with the six labels the receiver benchmark's OTLP points end with (benchmarks/receivers/run's
-- like-for-like baseline) instead of two.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local size = tonumber(os.getenv("BATCH") or "1000")
local items = {}
local wide = os.getenv("WIDE") == "1"
for i = 1, size do
  if wide then
    items[i] = string.format('{"name":"cpu_usage","value":%d.25,"labels":{"host":"server-%02d","region":"eu","slot":"%d",' ..
      '"job":"bench","instance":"bench-1","otel_scope_name":"bench"}}', i, i % 50, math.floor(i / 50))
  else
    items[i] = string.format('{"name":"cpu_usage","value":%d.25,"labels":{"host":"server-%02d","region":"eu"}}', i, i % 50)
  end
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
