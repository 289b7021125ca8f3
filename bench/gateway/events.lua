-- wrk script: POSTs click events of ~300 bytes with unique event_ids (the gateway answers
-- "duplicate" for repeated ids and would not publish them). BATCH events per request:
-- 1 sends a single JSON object, more sends a JSON array. Prints a JSON summary line at the end.
--
-- wrk runs on the same two cores as the gateway and the broker, so the script does little per event:
-- the variable parts (users, sessions, pages) are built once, an event_id is a per-thread prefix plus
-- a counter, and the timestamp is formatted once per request. The events are the same as before.
local batch = tonumber(os.getenv("BATCH") or "1")
local counter = 0
local thread_id = 0
local threads = {}
local id_prefix = string.format("%08x-%04x-4%03x-a%03x-", 0, 0, 0, 0) -- set per thread in init()

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(thread_id * 7919)
  -- 8-4-4-4- of a version-4 UUID, then the counter as the last 12 hex digits. The first group is the
  -- start second, so each wrk run (warm-up, singles, batches) sends ids of its own: a run that
  -- repeated the previous run's ids would get "duplicate" answers, which skip Kafka.
  id_prefix = string.format("%08x-%04x-4%03x-a%03x-", os.time() % 4294967296, thread_id,
    math.random(0, 4095), math.random(0, 4095))
end

local pad = string.rep("x", 52)
local users, sessions, items = {}, {}, {}
for i = 0, 4999 do users[i] = "u-" .. i end
for i = 0, 976 do sessions[i] = "s-" .. i end
for i = 0, 999 do items[i] = "item-" .. i end
local format = string.format

local function event(ts)
  counter = counter + 1
  local item = items[counter % 1000]
  return '{"event_id":"' .. id_prefix .. format("%012x", counter) .. '","type":"click","ts":"' .. ts ..
    '","anonymous_id":"' .. users[counter % 5000] .. '","session_id":"' .. sessions[counter % 977] ..
    '","element":"button#add-to-cart-' .. pad .. '","page":{"url":"https://shop.example/products/' ..
    item .. '","path":"/products/' .. item .. '"}}'
end

local parts = {}

function request()
  local ts = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local body
  if batch == 1 then
    body = event(ts)
  else
    for i = 1, batch do
      parts[i] = event(ts)
    end
    body = "[" .. table.concat(parts, ",", 1, batch) .. "]"
  end
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d,"event_bytes":%d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), #event(os.date("!%Y-%m-%dT%H:%M:%SZ"))))
end
