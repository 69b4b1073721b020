-- wrk script: every request carries the session cookie of one of the generated log-ins
-- (bench/gen-data writes them to sessions.txt), so the page is the one a logged-in person
-- sees. Each copy of the program keeps who a cookie is for 2 seconds, so with 1,000 sessions
-- most requests find theirs in memory and the rest read the session and roles from the database.
--
--   wrk -t2 -c64 -d15s --latency -s bench/session.lua http://127.0.0.1:PORT/ -- build/bench/sqlite-data/sessions.txt

local tokens = {}
local next_token = 1
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  local path = args[1] or "sessions.txt"
  local f = assert(io.open(path, "r"), "cannot read " .. path)
  for line in f:lines() do
    if #line > 0 then tokens[#tokens + 1] = line end
  end
  f:close()
  assert(#tokens > 0, path .. " holds no session tokens")
  -- Threads start at different places in the list, so they do not all ask for the same sessions.
  next_token = ((id or 1) - 1) * 7919 % #tokens + 1
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  return wrk.format(nil, nil, { ["Cookie"] = "sid=" .. token })
end
