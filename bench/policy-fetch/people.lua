-- wrk script for the policy-fetch benchmark: every request as the next person of a list, with the header that names
-- the person (their policy session handle, or their access token) and, for 304s, their bundle's ETag. A line with no
-- header is a browser that names nobody (the organization-only path), sent through this same script so that both cost
-- the load generator the same. Lines: header name, tab, value, tab, ETag, and optionally tab, a query to add to the
-- URL (the organization-only list pads each request with one, as long as a person's header, so that both lists send
-- the same bytes and hold as many distinct requests).
--   wrk -s people.lua URL -- LIST ENROLLMENT_TOKEN [304]
local requests = {}
local next_request = 0

-- Every request is formatted once, here, so that sending one costs the load generator the same whatever it carries.
function init(args)
  local enrollment = args[2]
  local conditional = args[3] == "304"
  for line in io.lines(args[1]) do
    local name, value, etag, query = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t?(.*)$")
    local headers = { ["Authorization"] = "Bearer " .. enrollment }
    if name ~= "" then headers[name] = value end
    if conditional then headers["If-None-Match"] = etag end
    requests[#requests + 1] = wrk.format("GET", wrk.path .. query, headers)
  end
  next_request = math.random(#requests)
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
