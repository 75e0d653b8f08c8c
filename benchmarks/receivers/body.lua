-- POSTs one pre-built binary body (BODY_FILE) to PATH with the receiver's headers; prints samples/s (SAMPLES per request).
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.path = os.getenv("BODY_PATH")
wrk.headers["Content-Type"] = "application/x-protobuf"
if os.getenv("BODY_ENCODING") ~= nil and os.getenv("BODY_ENCODING") ~= "" then
  wrk.headers["Content-Encoding"] = os.getenv("BODY_ENCODING")
end
local size = tonumber(os.getenv("SAMPLES") or "1000")

done = function(summary, latency, requests)
  io.write(string.format("samples/s: %.0f (%d per request, %d requests, %d non-2xx)\n",
    summary.requests / (summary.duration / 1e6) * size, size, summary.requests, summary.errors.status))
end
