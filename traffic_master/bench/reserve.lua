-- wrk script for `./dev bench reserve`: every connection alternates between holding two
-- best-available seats and paying for a hold it got back (which confirms it into an order).
-- tokens / token_count come from mint_tokens.py, prepended to this file by the bench script;
-- so may think_ms: the mean pause between an answer and the connection's next request
-- (uniform on [0, 2 * think_ms]); absent, requests go back to back.
local counter = 0
local tid = 0
local pending = {}
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  tid = tonumber(wrk.thread:get("tid")) or 0
end

local function headers(account, key)
  return {
    ["Authorization"] = "Bearer " .. tokens[account],
    ["Idempotency-Key"] = key,
    ["Content-Type"] = "application/json",
  }
end

function request()
  counter = counter + 1
  local key = "w" .. tid .. "-" .. counter
  local p = table.remove(pending)
  if p then
    return wrk.format("POST", "/api/v1/events/demo-concert/holds/" .. p[1] .. "/payment",
      headers(p[2], key), '{"card_number":"4242424242424242"}')
  end
  local account = "bench-" .. ((counter * 2 + tid) % token_count)
  -- P4 (the outer rings) holds most of the 200,000 seats; the smaller categories would sell
  -- out within seconds and the run would measure 409 answers instead of reservations.
  local category = "P4"
  return wrk.format("POST", "/api/v1/events/demo-concert/holds/best-available",
    headers(account, key), '{"category":"' .. category .. '","count":2}')
end

function response(status, hdrs, body)
  if status == 201 and not body:find('"order_id"', 1, true) then
    local hold = body:match('"hold_id":"(%d+)"')
    local account = body:match('"account_id":"([^"]+)"')
    if hold and account then table.insert(pending, { hold, account }) end
  end
end

if think_ms and think_ms > 0 then
  function delay()
    return math.random() * 2 * think_ms
  end
end
