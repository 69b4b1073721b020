-- wrk script: each request asks for the next path (with its query string) from a file of
-- paths, one a line, already percent-encoded; scripts/bench writes them for the registry
-- searches (build/bench/<db>-search-cached.txt and <db>-search-uncached.txt).
--
--   wrk -t2 -c64 -d15s --latency -s bench/paths.lua http://127.0.0.1:PORT -- FILE 2
--
-- An optional third argument names a file whose first line is a session token: every request
-- then carries it as the "sid" cookie (the staff queue's searches).
--
-- The second argument is wrk's thread count. Each thread then takes its own share of the lines
-- (line k goes to thread k mod threads), so no two threads ask for the same path. That matters
-- for the uncached run: a path comes round again only after thousands of other requests, by
-- when the server's directory cache (at most 2,000 entries, 10 s) has forgotten it.

local paths = {}
local next_path = 0
local threads = 0
local headers = nil

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  local file = args[1] or "paths.txt"
  local n = tonumber(args[2] or "1") or 1
  local me = ((id or 1) - 1) % n
  local f = assert(io.open(file, "r"), "cannot read " .. file)
  local k = 0
  for line in f:lines() do
    if #line > 0 then
      if k % n == me then paths[#paths + 1] = line end
      k = k + 1
    end
  end
  f:close()
  assert(#paths > 0, file .. " holds no paths for thread " .. (me + 1) .. " of " .. n)
  if args[3] then
    local s = assert(io.open(args[3], "r"), "cannot read " .. args[3])
    headers = { ["Cookie"] = "sid=" .. s:read("*l") }
    s:close()
  end
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path], headers)
end
