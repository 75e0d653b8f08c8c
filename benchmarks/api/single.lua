-- One metric per request, as most clients send them. Series vary so records spread over partitions.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"name":"cpu_usage","value":%d.5,"labels":{"host":"server-%02d","region":"eu"}}', n % 100, n % 50)
  return wrk.format(nil, "/api/v1/metrics", nil, body)
end
