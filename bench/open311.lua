-- wrk script: Open311 GeoReport v2 "POST requests", form-encoded as the specification says,
-- with an API key issued by the tenant admin. scripts/bench runs it for the requests scenario
-- (the target: at least 1,500 requests/s sustained, and nothing lost).
--
--   wrk -t2 -c64 -d15s --latency -s bench/open311.lua http://127.0.0.1:PORT/open311/v2/requests.json -- \
--       API_KEY SERVICE_CODE JURISDICTION_ID
--
-- Every report is different (a number in the description and a position that moves around the
-- centre of Καλαμάτα), as reports from a city's app would be. At the end it prints
-- "open311-accepted: N", the 2xx answers wrk read, which scripts/bench compares with the rows
-- the database holds afterwards.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("id", #threads)
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local path = nil
local fixed = ""
local counter = 0
accepted = 0
refused = 0

function init(args)
  local key = assert(args[1], "usage: -- API_KEY SERVICE_CODE [JURISDICTION_ID]")
  local code = assert(args[2], "usage: -- API_KEY SERVICE_CODE [JURISDICTION_ID]")
  fixed = "api_key=" .. urlencode(key) .. "&service_code=" .. urlencode(code)
  if args[3] and #args[3] > 0 then fixed = fixed .. "&jurisdiction_id=" .. urlencode(args[3]) end
  path = wrk.path
  counter = (id or 1) * 1000000
end

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function request()
  counter = counter + 1
  local lat = 37.0389 + ((counter * 37) % 200 - 100) / 10000
  local lon = 22.1142 + ((counter * 53) % 200 - 100) / 10000
  local body = fixed
    .. string.format("&lat=%.6f&long=%.6f", lat, lon)
    .. "&address_string=" .. urlencode("Αριστομένους " .. (counter % 120 + 1) .. ", Καλαμάτα")
    .. "&description=" .. urlencode("Σβηστή λάμπα δρόμου, αναφορά αρ. " .. counter .. " από εφαρμογή Open311.")
    .. "&first_name=" .. urlencode("Δοκιμή") .. "&last_name=" .. urlencode("Φορτίου")
    .. "&email=" .. urlencode("open311." .. counter .. "@example.gr")
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (tonumber(t:get("accepted")) or 0)
    bad = bad + (tonumber(t:get("refused")) or 0)
  end
  io.write(string.format("open311-accepted: %d\nopen311-refused: %d\n", ok, bad))
end
