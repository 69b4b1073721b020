# Helpers shared by the benchmark scripts (scripts/bench, bench/national), sourced. They use the
# caller's OUT, THREADS, CONNS, RUN_CONNS, DURATION and SERVER_PID.

cpu_ticks() {   # user + system clock ticks the process has used so far
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# The machine's CPU time so far (/proc/stat): user nice system idle iowait irq softirq steal.
machine_ticks() { awk '$1 == "cpu" { print $2, $3, $4, $5, $6, $7, $8, $9; exit }' /proc/stat; }

# run_wrk LABEL NAME URL [LUA_SCRIPT SCRIPT_ARG…]: one wrk run; prints
# "bench LABEL: … req/s, p99 … ms" and what a request cost the server in CPU time.
run_wrk() {
  local label=$1 name=$2 url=$3
  local raw="$OUT/$name.wrk.txt" cpu0 cpu1 machine0 machine1 script=() script_args=()
  if (($# > 3)); then script=(-s "$4"); script_args=(-- "${@:5}"); fi
  cpu0=$(cpu_ticks "$SERVER_PID")
  machine0=$(machine_ticks)
  if ! wrk -t"$THREADS" -c"${RUN_CONNS:-$CONNS}" -d"$DURATION" --latency "${script[@]}" "$url" "${script_args[@]}" >"$raw" 2>&1; then
    echo "bench $label: wrk failed (see $raw)"
    return
  fi
  cpu1=$(cpu_ticks "$SERVER_PID")
  machine1=$(machine_ticks)
  # On a virtual machine the host may run others on "our" cores (steal): the same build then
  # measures slower, and this line tells such a run from a slower build.
  awk -v label="$label" -v a="$machine0" -v b="$machine1" 'BEGIN {
    split(a, x); split(b, y)
    for (i = 1; i <= 8; i++) { d[i] = y[i] - x[i]; total += d[i] }
    if (total > 0)
      printf "bench %s machine: steal %.0f%%, idle %.0f%%, iowait %.0f%% of the CPU time during the run\n", label,
        100 * d[8] / total, 100 * d[4] / total, 100 * d[5] / total
  }'
  awk -v label="$label" -v ticks=$((cpu1 - cpu0)) -v hz="$(getconf CLK_TCK)" '
    function ms(v,   n) {   # wrk prints 812.00us, 4.20ms, 1.02s or 1.50m
      n = v + 0
      if (v ~ /us$/) return n / 1000
      if (v ~ /ms$/) return n
      if (v ~ /m$/) return n * 60000
      if (v ~ /s$/) return n * 1000
      return n
    }
    $1 == "Requests/sec:" { rps = $2 }
    / requests in / { n = $1 }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { sock = $0; sub(/^ *Socket errors: */, "", sock) }
    END {
      line = sprintf("bench %s: %.0f req/s, p99 %.2f ms", label, rps, p99)
      if (bad) line = line sprintf(" (%s non-2xx answers)", bad)
      if (sock) line = line " (socket errors: " sock ")"
      print line
      # What one request costs the server, whatever else shares the cores.
      if (n > 0) printf "bench %s cpu-per-request: %.0f us (server user+system time / %d requests)\n", label, ticks / hz * 1e6 / n, n
    }' "$raw"
}

# web_session BASE EMAIL PASSWORD [API_KEY_NAME]: logs in through the log-in form, as a browser
# would, and prints the session cookie (sid). With API_KEY_NAME it then asks for an Open311 API
# key on the tenant admin's page (/admin/requests/api-keys) and prints the key, shown once on
# the page that follows, instead.
web_session() {
  python3 - "$@" <<'PY'
import html, http.cookiejar, re, sys, urllib.parse, urllib.request

base, email, password = sys.argv[1:4]
key_name = sys.argv[4] if len(sys.argv) > 4 else ""
jar = http.cookiejar.CookieJar()
web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def get(path):
    with web.open(base + path, timeout=30) as r:
        return r.read().decode("utf-8", "replace")

def post(path, fields):
    data = urllib.parse.urlencode(fields).encode()
    with web.open(urllib.request.Request(base + path, data=data, method="POST"), timeout=30) as r:
        return r.read().decode("utf-8", "replace")

def csrf(page):
    m = re.search(r'name="_csrf"[^>]*value="([^"]*)"', page) or re.search(r'value="([^"]*)"[^>]*name="_csrf"', page)
    if not m:
        sys.exit("no _csrf field on the page")
    return html.unescape(m.group(1))

try:
    post("/login", {"email": email, "password": password, "_csrf": csrf(get("/login"))})
    sid = next((c.value for c in jar if c.name == "sid"), "")
    if not sid:
        sys.exit(f"logging in as {email} gave no session")
    if not key_name:
        print(sid)
        sys.exit(0)
    page = post("/admin/requests/api-keys", {"name": key_name, "_csrf": csrf(get("/admin/requests/api-keys"))})
    # The new key is shown once, in a <code> element of its own.
    m = re.search(r'<code[^>]*>\s*([A-Za-z0-9_-]{20,})\s*</code>', page)
    if not m:
        sys.exit("no API key on the page after creating one")
    print(m.group(1))
except Exception as e:
    sys.exit(f"{base}: {e}")
PY
}
