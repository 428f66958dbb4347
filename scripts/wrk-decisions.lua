-- wrk script for scripts/bench-service.sh: POSTs one request file to /v1/decisions with a bearer token,
-- and counts answers that are not 200 (a 503 means the log refused the append: not a decision).
--
--   wrk -t2 -c64 -d30s --latency -s scripts/wrk-decisions.lua http://127.0.0.1:PORT/v1/decisions -- REQUEST.json TOKEN

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "rb"))
  local body = file:read("*a")
  file:close()
  prepared = wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. args[2],
  }, body)
  not_ok = 0
  statuses = {}
end

function request()
  return prepared
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("not_ok")
  end
  io.write(string.format("non-200 answers: %d of %d\n", failed, summary.requests))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("latency p%g: %.3f ms\n", p, latency:percentile(p) / 1000))
  end
end
