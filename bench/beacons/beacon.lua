-- wrk script: one single-event beacon per request, the way browsers and SDKs send them, to the endpoint
-- named by ENDPOINT: events (POST /v1/events, application/json), beacon (the same as navigator.sendBeacon
-- sends it: text/plain), pixel (GET /i with the event in the query), segment (POST /v1/track),
-- snowplow (POST /com.snowplowanalytics.snowplow/tp2), bare (GET /bench/bare: answers 204, nothing else).
-- Every event has its own id (a repeated one would be answered "duplicate" and skip Kafka).
-- DELAY_MS > 0 makes each connection wait that long between requests (a paced load instead of a closed loop).
-- Prints one WRK_RESULT JSON line at the end.
local endpoint = os.getenv("ENDPOINT") or "events"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local counter = 0
local thread_id = 0
local threads = {}
local id_prefix = "00000000-0000-4000-a000-"

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + thread_id * 7919)
  id_prefix = string.format("%08x-%04x-4%03x-a%03x-", os.time() % 4294967296, thread_id,
    math.random(0, 4095), math.random(0, 4095))
end

local format = string.format
local json_headers = {["Content-Type"] = "application/json"}
local text_headers = {["Content-Type"] = "text/plain;charset=UTF-8"}

local function next_id()
  counter = counter + 1
  return id_prefix .. format("%012x", counter)
end

local function click(id, ts)
  local item = counter % 1000
  return '{"event_id":"' .. id .. '","type":"click","ts":"' .. ts .. '","anonymous_id":"u-' .. (counter % 5000) ..
    '","session_id":"s-' .. (counter % 977) .. '","element":"button#add-to-cart","page":{"url":"https://shop.example/products/item-' ..
    item .. '","path":"/products/item-' .. item .. '"}}'
end

function request()
  local ts = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local id = next_id()
  if endpoint == "events" then
    return wrk.format("POST", "/v1/events", json_headers, click(id, ts))
  elseif endpoint == "beacon" then
    return wrk.format("POST", "/v1/events", text_headers, click(id, ts))
  elseif endpoint == "pixel" then
    local item = counter % 1000
    return wrk.format("GET", "/i?event_id=" .. id .. "&type=click&ts=" .. ts .. "&anonymous_id=u-" .. (counter % 5000) ..
      "&session_id=s-" .. (counter % 977) .. "&element=button%23add-to-cart&page.url=https%3A%2F%2Fshop.example%2Fproducts%2Fitem-" .. item)
  elseif endpoint == "segment" then
    return wrk.format("POST", "/v1/track", json_headers,
      '{"type":"track","event":"Product Clicked","anonymousId":"u-' .. (counter % 5000) .. '","messageId":"' .. id ..
      '","timestamp":"' .. ts .. '","sentAt":"' .. ts .. '","properties":{"product_id":"item-' .. (counter % 1000) ..
      '","price":19.9},"context":{"library":{"name":"analytics.js","version":"2.11.1"}}}')
  elseif endpoint == "snowplow" then
    local ms = format("%d", os.time() * 1000)
    return wrk.format("POST", "/com.snowplowanalytics.snowplow/tp2", json_headers,
      '{"schema":"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4","data":[{"e":"se","se_ca":"shoes","se_ac":"click","se_la":"button#add-to-cart","url":"https://shop.example/products/item-' ..
      (counter % 1000) .. '","eid":"' .. id .. '","duid":"u-' .. (counter % 5000) .. '","vid":"1","dtm":"' .. ms .. '","stm":"' .. ms .. '","tv":"js-3.24.0","p":"web"}]}')
  else
    return wrk.format("GET", "/bench/bare")
  end
end

function delay()
  return delay_ms
end

function done(summary, latency, requests)
  io.write(format(
    'WRK_RESULT {"requests":%d,"duration_us":%d,"non2xx":%d,"socket_errors":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
