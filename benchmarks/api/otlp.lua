-- OTLP/HTTP JSON export request with POINTS gauge data points (default 100) over 50 series, as an OpenTelemetry SDK
-- sends them; the body is built once, so wrk measures the server. Timestamps are "now" when wrk starts.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/v1/metrics"
local size = tonumber(os.getenv("POINTS") or "100")
local now = string.format("%d000000000", os.time())
local points = {}
for i = 1, size do
  points[i] = string.format('{"asDouble":%d.5,"timeUnixNano":"%s","attributes":[{"key":"host","value":{"stringValue":"server-%02d"}},{"key":"seq","value":{"stringValue":"%d"}}]}', i, now, i % 50, i)
end
wrk.body = '{"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"bench"}}]},' ..
  '"scopeMetrics":[{"scope":{"name":"bench"},"metrics":[{"name":"cpu_usage","gauge":{"dataPoints":[' ..
  table.concat(points, ",") .. ']}}]}]}]}'
