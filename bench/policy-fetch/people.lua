-- wrk script for the policy-fetch benchmark: every request as the next person of a list, with the person's access
-- token and, for 304s, their bundle's ETag. A line without a token is a browser that names nobody (the
-- organization-only path), sent through this same script so that both cost the load generator the same.
--   wrk -s people.lua URL -- LIST ENROLLMENT_TOKEN [304]
local people = {}
local next_person = 0
local enrollment
local conditional

function init(args)
  enrollment = args[2]
  conditional = args[3] == "304"
  for line in io.lines(args[1]) do
    local token, etag = line:match("^([^\t]*)\t(.*)$")
    people[#people + 1] = { token = token, etag = etag }
  end
  next_person = math.random(#people)
end

function request()
  next_person = next_person % #people + 1
  local person = people[next_person]
  local headers = { ["Authorization"] = "Bearer " .. enrollment }
  if person.token ~= "" then headers["X-Promptgate-User-Token"] = person.token end
  if conditional then headers["If-None-Match"] = person.etag end
  return wrk.format("GET", nil, headers)
end
