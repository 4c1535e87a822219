-- wrk script for benchmarks/run.py: one page, a signed-in cookie, optional form body,
-- optional pool of (session, path) pairs used once each (the submit benchmark).
local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local cookie = os.getenv("BENCH_COOKIE") or ""
local referer = os.getenv("BENCH_REFERER")
local accept = os.getenv("BENCH_ACCEPT")
local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
local body = nil
local body_file = os.getenv("BENCH_BODY")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "r"))
  body = f:read("*a")
  f:close()
end
local pool = {}
local pool_file = os.getenv("BENCH_POOL")
if pool_file and pool_file ~= "" then
  for line in io.lines(pool_file) do
    local c, p = line:match("^([^\t]+)\t(.+)$")
    if c then table.insert(pool, { c, p }) end
  end
end

local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

sent = 0
function request()
  local headers = { ["X-Forwarded-Proto"] = "https", ["Cookie"] = cookie }
  local p = path
  if #pool > 0 then
    -- thread t takes entries t, t + n, t + 2n...: no two requests share an attempt.
    local i = (sent * nthreads + tid - 1) % #pool + 1
    headers["Cookie"] = pool[i][1]
    p = pool[i][2]
  end
  sent = sent + 1
  if referer then headers["Referer"] = referer end
  if accept then headers["Accept"] = accept end
  if body or method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  return wrk.format(method, p, headers, body)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("sent") or 0) end
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50=%d p95=%d p99=%d mean=%.0f max=%d " ..
    "status_errors=%d socket_errors=%d timeouts=%d sent=%d pool=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout, total, #pool))
end
