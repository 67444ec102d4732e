-- wrk script for bench/writes.mjs (BENCH_POSTERS_TOOL=wrk): every request is one guest comment
-- from its own address (X-Forwarded-For) with its own text, the texts of writes-server.mjs's
-- commentText. Arguments: the form token, the article id, the first poster's number.
-- wrk keeps one request in flight per connection, as the node posters do.
local OPENINGS = { 'Je pense que', 'Il me semble que', 'À mon avis,', 'Franchement,', 'Pour ma part,', 'Comme beaucoup,', 'Après lecture,', 'Sur le fond,' }
local SUBJECTS = { 'la coopération', 'le gouvernement', 'la population', 'cette décision', 'la presse locale', 'le parlement', 'la diplomatie', 'la région' }
local PREDICATES = {
  'mérite un vrai débat public', 'devrait rendre des comptes aux citoyens', 'reste trop discrète sur ses objectifs',
  'a besoin de temps pour porter ses fruits', 'change la donne pour les familles', 'ne convainc pas encore tout le monde',
  'soulève des questions légitimes', 'avance dans la bonne direction',
}
local CLOSINGS = { 'Merci pour cet article.', 'À suivre de près.', 'Bon travail de la rédaction.', 'Affaire à suivre.', 'Merci pour ces précisions.', 'Très instructif.' }

-- setup() runs in the main state; `poster_base` and `counts` are globals of each thread's state.
local threads = {}
function setup(thread)
  thread:set('poster_base', 64 * #threads)
  table.insert(threads, thread)
end

local token, path, first, sent = '', '', 0, 0
counts = {}
function init(args)
  token = args[1]
  path = '/api/v1/articles/' .. args[2] .. '/comments'
  first = tonumber(args[3] or '0') + (poster_base or 0)
end

local function pick(list, k) return list[(k % #list) + 1] end

function request()
  -- poster p's n-th comment, p cycling over 64 posters of this thread
  local p = first + (sent % 64)
  local n = math.floor(sent / 64) + 1
  sent = sent + 1
  local k = p * 7919 + n * 104729
  local text = string.format('%s %s %s, surtout après %d semaines de discussions (lecteur %d). %s',
    pick(OPENINGS, k), pick(SUBJECTS, bit.rshift(k, 3)), pick(PREDICATES, bit.rshift(k, 6)), n + 2, p + 1, pick(CLOSINGS, bit.rshift(k, 9)))
  local body = string.format('{"body":"%s","name":"Lecteur %d","email":"lecteur%d.%d@example.test","token":"%s"}', text, p + 1, p + 1, n, token)
  local ip = string.format('%d.%d.%d.%d', 10 + math.floor(p / 256), p % 256, bit.rshift(n, 8) % 256, n % 256)
  return wrk.format('POST', path, { ['Content-Type'] = 'application/json', ['X-Forwarded-For'] = ip }, body)
end

function response(status, headers, body)
  local key = tostring(status)
  if status == 201 then key = body:match('"status":"(%a+)"') or 'created' end
  counts[key] = (counts[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get('counts')
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, string.format('"%s":%d', k, v)) end
  io.write(string.format('POSTERS {"statuses":{%s},"requests":%d,"errors":%d,"p50":%.3f,"p99":%.3f,"max":%.3f,"seconds":%.3f}\n',
    table.concat(parts, ','), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6))
end
