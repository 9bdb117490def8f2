-- wrk script: print the latency percentiles bench/api_bench.py reads (microseconds).
function setup(thread) end
request = function()
  return wrk.format(nil, nil, {["Authorization"] = "Bearer " .. os.getenv("VIECOOP_BENCH_TOKEN")})
end
done = function(summary, latency, requests)
  io.write(string.format("REPORT requests=%d errors=%d p50=%d p95=%d p99=%d duration=%d non2xx=%d\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.duration,
    summary.errors.status))
end
