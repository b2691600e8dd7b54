-- The request and the report of one `./run bench-http` scenario (scripts/bench_http.py).
-- The request comes from the environment, so that secrets (the bearer token, the
-- session cookie) never appear on a command line:
--   TAFEL_BENCH_METHOD   GET (default), POST, PUT...
--   TAFEL_BENCH_BODY     the request body (JSON), optional
--   TAFEL_BENCH_HEADERS  "Name: value" lines, optional
-- done() prints one JSON line: requests, seconds, latency percentiles in ms (wrk's
-- own histogram, so p50 and p99 are exact to its microsecond resolution), socket
-- errors and the answers whose status is not 2xx (counted in response(), per thread).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

wrk.method = os.getenv("TAFEL_BENCH_METHOD") or "GET"
local body = os.getenv("TAFEL_BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
for line in (os.getenv("TAFEL_BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

non2xx = 0
first_bad = ""

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad == "" then first_bad = tostring(status) .. " " .. (body or ""):sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local bad = 0
  local example = ""
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
    if example == "" then example = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.6f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,' ..
    '"non2xx":%d,"socket_errors":%d,"first_non2xx":"%s"}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, e.connect + e.read + e.write + e.timeout,
    example:gsub('[%c"\\]', " ")))
end
