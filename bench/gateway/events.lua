-- wrk script: POSTs click events of ~300 bytes with unique event_ids (the gateway answers
-- "duplicate" for repeated ids and would not publish them). BATCH events per request:
-- 1 sends a single JSON object, more sends a JSON array. Prints a JSON summary line at the end.
local batch = tonumber(os.getenv("BATCH") or "1")
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(thread_id * 7919)
end

local pad = string.rep("x", 52)

local function event()
  counter = counter + 1
  local id = string.format("%08x-%04x-4%03x-a%03x-%012x", thread_id, counter % 65536,
    math.random(0, 4095), math.random(0, 4095), counter)
  local user = "u-" .. (counter % 5000)
  return '{"event_id":"' .. id .. '","type":"click","ts":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ") ..
    '","anonymous_id":"' .. user .. '","session_id":"s-' .. (counter % 977) ..
    '","element":"button#add-to-cart-' .. pad .. '","page":{"url":"https://shop.example/products/item-' ..
    (counter % 1000) .. '","path":"/products/item-' .. (counter % 1000) .. '"}}'
end

function request()
  local body
  if batch == 1 then
    body = event()
  else
    local parts = {}
    for i = 1, batch do
      parts[i] = event()
    end
    body = "[" .. table.concat(parts, ",") .. "]"
  end
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d,"event_bytes":%d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), #event()))
end
