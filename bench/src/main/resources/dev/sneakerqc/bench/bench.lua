-- wrk script of the benchmark suite (bench/run). Environment:
--   BENCH_MODE     "stages" (POST /api/batches/{id}/stages), "reads" (GET /api/batches/{id}) or "reads-db" (the same
--                  with Cache-Control: no-cache, which the catalog answers from the database, not its batch cache)
--   BENCH_IDS      a file with one batch id per line
--   BENCH_THREADS  wrk's -t, so that each thread's requests interleave with the others'
--
-- stages: request i of the run (counted across threads: thread t sends i = t, t + T, t + 2T, ...) completes
-- stage (i div N) of batch (i mod N), N being the number of ids. A batch therefore gets its next stage N requests
-- after the previous one, long finished when N is much larger than the concurrency. When the ids run out of
-- stages the thread stops and done() reports "exhausted" (the caller then plans more batches and runs again).
-- reads, reads-db: request i reads batch (i mod N).
--
-- done() prints one line "BENCH-JSON {...}" with the counts, errors and latency percentiles (microseconds).

local stages = {"MATERIALS_SOURCED", "PATTERN_CUT", "STITCHED", "LASTED", "FINISHED"}
local mode = os.getenv("BENCH_MODE") or "reads"
local ids = {}
local threads = {}
local next_thread = 0

function setup(thread)
   thread:set("thread_index", next_thread)
   next_thread = next_thread + 1
   table.insert(threads, thread)
end

function init(args)
   for line in io.lines(os.getenv("BENCH_IDS")) do
      if #line > 0 then ids[#ids + 1] = line end
   end
   thread_count = tonumber(os.getenv("BENCH_THREADS"))
   sent = 0
   if thread_index == 0 then
      -- wrk calls request() once in the first thread, right after init(), to check the script's request, and
      -- never sends that one: it must not take a stage change from the sequence.
      sent = -1
   end
   exhausted = false
   headers = {["Content-Type"] = "application/json", ["Accept"] = "application/json"}
   if mode == "reads-db" then
      headers["Cache-Control"] = "no-cache"
   end
end

function request()
   local i = sent * thread_count + thread_index
   sent = sent + 1
   if i < 0 then
      return wrk.format("GET", "/q/health/live")
   end
   local n = #ids
   local id = ids[(i % n) + 1]
   if mode == "stages" then
      local stage = stages[math.floor(i / n) + 1]
      if stage == nil then
         exhausted = true
         return wrk.format("GET", "/q/health/live")
      end
      return wrk.format("POST", "/api/batches/" .. id .. "/stages", headers, '{"stage":"' .. stage .. '"}')
   end
   return wrk.format("GET", "/api/batches/" .. id, headers)
end

-- Only the stages mode needs to look at responses (wrk skips the callback, and its cost, when there is none).
if mode == "stages" then
   function response(status, headers, body)
      if status >= 300 and first_error == nil then
         first_error = (status .. " " .. (body or "")):sub(1, 300):gsub("%c", " "):gsub('[\\"]', "'")
      end
      if exhausted then
         wrk.thread:stop()
      end
   end
end

function done(summary, latency, requests)
   local out_of_ids = false
   local first_error = ""
   for _, thread in ipairs(threads) do
      if thread:get("exhausted") then out_of_ids = true end
      if thread:get("first_error") and first_error == "" then first_error = thread:get("first_error") end
   end
   local e = summary.errors
   io.write(string.format('BENCH-JSON {"requests": %d, "durationMicros": %d, "bytes": %d, ' ..
         '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
         '"latencyMicros": {"min": %d, "mean": %.1f, "max": %d, "p50": %d, "p90": %d, "p99": %d, "p999": %d}, ' ..
         '"exhausted": %s, "firstError": "%s"}\n',
         summary.requests, summary.duration, summary.bytes,
         e.connect, e.read, e.write, e.status, e.timeout,
         latency.min, latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
         latency:percentile(99), latency:percentile(99.9), tostring(out_of_ids), first_error))
end
