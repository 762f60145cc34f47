# --- wgform install library (RUN and SYSTEMD are set above; the generated main() calls these) ---
BK="$STATE/backup/$RUN"
PHASE=stage
IN_ROLLBACK=0
ROLLBACK_FAILED=0
SYNC_MSG=""
SYNC_RAN=0

step_ok() { say "@@step $1 ok"; }

# Report the failed step, put back what this run changed, report the outcome and stop.
fail() { # step message
  say "@@step $1 failed $2"
  [ "$IN_ROLLBACK" = 1 ] && return 1
  IN_ROLLBACK=1
  trap '' HUP INT TERM
  rollback
  confirm_disarm
  if [ "$ROLLBACK_FAILED" = 0 ]; then
    say "@@result rolled-back $PHASE $2"
    exit 1
  fi
  say "@@result rollback-incomplete $PHASE $2"
  exit 2
}
trap 'fail signal "interrupted by a signal"' HUP INT TERM

rb_ok() { say "@@step rollback:$1 ok"; }
rb_failed() { ROLLBACK_FAILED=1; say "@@step rollback:$1 failed $2"; }

# Fill every {{wgform-secret:KEYPATH}} of a staged file from its key file's first line, on the host, in one pass and
# in place (awk reads the whole staged file, then rewrites it: no second temp file). The keys travel through awk's
# memory only: not argv, not the environment (only the paths are there).
fill_secrets() { # file step ends-with-newline(0|1) keypath source [keypath source ...]
  fsf=$1 fss=$2 fsn=$3 fsp=""
  shift 3
  while [ $# -ge 2 ]; do
    [ -s "$2" ] || fail "$fss" "key file $1 is missing or empty on this host"
    fsp="$fsp$1	$2
"
    shift 2
  done
  WGF_PAIRS="$fsp" WGF_NL="$fsn" WGF_FILE="$fsf" awk '
    BEGIN {
      n = split(ENVIRON["WGF_PAIRS"], pairs, "\n")
      for (p = 1; p <= n; p++) {
        if (pairs[p] == "") continue
        t = index(pairs[p], "\t"); path = substr(pairs[p], 1, t - 1); src = substr(pairs[p], t + 1)
        k = ""
        if ((getline k < src) <= 0) k = ""
        close(src)
        sub(/[ \t\r]+$/, "", k)
        if (k == "") { printf "%s", path > "/dev/stderr"; exit 3 }
        m++; mark[m] = "{{wgform-secret:" path "}}"; key[m] = k
      }
      file = ENVIRON["WGF_FILE"]
      while ((r = (getline line < file)) > 0) {
        for (j = 1; j <= m; j++) {
          out = ""
          while ((i = index(line, mark[j])) > 0) { out = out substr(line, 1, i - 1) key[j]; line = substr(line, i + length(mark[j])) }
          line = out line
        }
        text[++lines] = line
      }
      if (r < 0) { printf "%s", file > "/dev/stderr"; exit 4 }
      close(file)
      for (l = 1; l <= lines; l++) printf "%s%s", (l > 1 ? "\n" : ""), text[l] > file
      if (ENVIRON["WGF_NL"] == "1") printf "\n" > file
      if (close(file)) exit 5
    }' 2>"$OUT" </dev/null \
    || fail "$fss" "cannot fill the secret from $(detail)"
}

# The staged files a secret placeholder is still in, one per line: one grep for all of them.
placeholders_left() { # file...
  grep -l '{{wgform-secret' "$@" </dev/null 2>/dev/null 9>&-
  return 0
}

is_listed() { # lines item
  case "
$1
" in *"
$2
"*) return 0 ;; esac
  return 1
}

# Final mode and owner of staged files: one chmod and one chown for all of them.
seal_files() { # mode step file...
  sf_m=$1 sf_s=$2
  shift 2
  { chmod "$sf_m" "$@" && { [ "$IS_ROOT" != 1 ] || chown root:root "$@"; }; } </dev/null 9>&- || fail "$sf_s" "cannot set mode $sf_m and owner"
}

# Copy the current file (mode and owner kept) into this run's backup; false when there is no file.
backup() { # path
  [ -e "$R$1" ] || [ -L "$R$1" ] || return 1
  mkdir -p "$BK${1%/*}" && cp -P -p "$R$1" "$BK$1" \
    || fail "backup:$1" "cannot back up $1 into /var/lib/wgform/backup/$RUN"
  return 0
}

# Put a backed-up file back, atomically (copy next to it, then rename).
restore_file() { # path
  d="$R${1%/*}"
  new_temp "$d" || return 1
  t=$NT
  track "$t"
  rm -f "$t" && cp -P -p "$BK$1" "$t" && mv -f "$t" "$R$1"
}

# The config an interface runs now: this run's backup when the file was replaced, else the file itself.
old_conf() { # path
  if [ -e "$BK$1" ]; then printf '%s' "$BK$1"; else printf '%s' "$R$1"; fi
}

is_up() { wg show "$1" </dev/null >/dev/null 2>&1 9>&-; }

unit_enabled() { [ "$SYSTEMD" = 1 ] && systemctl is-enabled --quiet "wg-quick@$1" </dev/null >/dev/null 2>&1 9>&-; }

# Up as `wg-quick up` would, in about 8 processes instead of its 30 (wg-quick was most of a first apply's time), for
# a config that needs nothing of wg-quick but IPv4 addresses, an MTU and routes; any other (DNS, Table, hooks,
# SaveConfig, IPv6, a /0 route, an endpoint by name) is handed to wg-quick itself.
wg_up() { # iface conf
  quick_up "$1" "$2"
  case $? in 0) return 0 ;; 1) return 1 ;; esac
  run wg-quick up "$2"
}

quick_up() { # iface conf -> 0 up, 1 failed (output in $OUT), 2 not a config for this path (nothing done)
  run ip link show dev "$1" && return 2 # wg-quick refuses an existing interface in its own words
  qp=$(awk -v out=/dev/null -v plan=/dev/stdout "$QUICK_PLAN" "$2" 2>/dev/null </dev/null 9>&-) || qp=""
  case "$qp" in *"
quick") ;; *) return 2 ;; esac
  if ! run ip link add "$1" type wireguard; then
    if [ -e /sys/module/wireguard ] || ! command -v "${WG_QUICK_USERSPACE_IMPLEMENTATION:-wireguard-go}" >/dev/null; then
      return 1
    fi
    run "${WG_QUICK_USERSPACE_IMPLEMENTATION:-wireguard-go}" "$1" || return 1
  fi
  # the config less wg-quick's keys goes through a pipe, as wg-quick's own does: the private key is in no new file
  awk -v out=/dev/stdout -v plan=/dev/null "$QUICK_PLAN" "$2" </dev/null 2>/dev/null 9>&- | run_stdin wg setconf "$1" /dev/stdin \
    || { run_quiet ip link delete dev "$1"; return 1; }
  qmtu=$(quick_mtu "$qp")
  quick_batch "$1" "$qp" "$qmtu" | run_stdin ip -batch - || { run_quiet ip link delete dev "$1"; return 1; }
}

run_stdin() { "$@" >"$OUT" 2>&1 9>&-; }             # as run, reading the caller's stdin
run_quiet() { "$@" </dev/null >/dev/null 2>&1 9>&-; } # clean-up after a failure: $OUT keeps what failed

# As wg-quick: the MTU the config sets, else the largest of the endpoints' routes' (or their devices'), else the
# default route's, else 1500; less 80 for WireGuard's headers. One `ip` for every lookup, one awk to read them.
quick_mtu() { # plan
  qm="" qr=""
  while read -r kind arg; do
    case $kind in mtu) qm=$arg ;; ep) qr="${qr}route get $arg
" ;; esac
  done <<EOF
$1
EOF
  [ -n "$qm" ] && { printf '%s' "$qm"; return 0; }
  printf '%sroute show default\nlink show\n' "$qr" | ip -o -force -batch - 2>/dev/null 9>&- | awk '
    function field(name,   i) { for (i = 1; i < NF; i++) if ($i == name) return $(i + 1); return "" }
    /^[0-9]+: / { n = $2; sub(/:$/, "", n); sub(/@.*/, "", n); link[n] = field("mtu"); next }
    /^default / { if (!dflt++) { dm = field("mtu"); dd = field("dev") } next }
    { r++; rm[r] = field("mtu"); rd[r] = field("dev") }
    END {
      best = 0
      for (i = 1; i <= r; i++) {
        v = (rm[i] ~ /^[0-9]+$/) ? rm[i] : link[rd[i]]
        if (v ~ /^[0-9]+$/ && v + 0 > best) best = v + 0
      }
      if (best == 0) { v = (dm ~ /^[0-9]+$/) ? dm : link[dd]; if (v ~ /^[0-9]+$/) best = v + 0 }
      if (best == 0) best = 1500
      print best - 80
    }'
}

quick_batch() { # iface plan mtu: the `ip -batch` lines wg-quick would run one by one
  printf '%s\n' "$2" | while read -r kind arg; do
    [ "$kind" = addr ] && printf 'address add %s dev %s\n' "$arg" "$1"
  done
  printf 'link set mtu %s up dev %s\n' "$3" "$1"
  printf '%s\n' "$2" | while read -r kind arg; do
    [ "$kind" = route ] && printf 'route add %s dev %s\n' "$arg" "$1"
  done
}

# Reads a wg-quick config the way wg-quick's parse_options does: keys are case-insensitive, '#' starts a comment,
# [Interface] keys of wg-quick's own are taken out and the rest, for `wg setconf`, is written to `out`. The plan goes
# to `plan`: "addr A/P", "mtu N", "ep IP" (an endpoint, for the MTU), "route NET/P" (an allowed IP no address already
# routes, most specific first, as wg-quick adds them), then "quick"; nothing when the config is not for it.
QUICK_PLAN='
function pow2(n, p) { p = 1; while (n-- > 0) p *= 2; return p } # not ^: some busybox awks lack it
function trim(x) { sub(/^[ \t\r]+/, "", x); sub(/[ \t\r]+$/, "", x); return x }
function v4(x, parts, i) {
  if (x !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/) return -1
  split(x, parts, "."); for (i = 1; i <= 4; i++) if (parts[i] + 0 > 255) return -1
  return ((parts[1] * 256 + parts[2]) * 256 + parts[3]) * 256 + parts[4]
}
function cidr(x, c, n) { # sets C_NET, C_LEN; 0 when x is not IPv4
  n = split(x, c, "/"); if (n > 2) return 0
  C_LEN = (n == 2) ? c[2] : 32
  if (C_LEN !~ /^[0-9]+$/ || C_LEN + 0 > 32 || v4(c[1]) < 0) return 0
  C_LEN += 0; C_NET = int(v4(c[1]) / pow2(32 - C_LEN)) * pow2(32 - C_LEN); return 1
}
function dotted(n) { return int(n / 16777216) "." int(n / 65536) % 256 "." int(n / 256) % 256 "." n % 256 }
function no() { bad = 1 }
{
  line = $0; stripped = line; sub(/#.*/, "", stripped)
  eq = index(stripped, "="); key = tolower(trim(eq ? substr(stripped, 1, eq - 1) : stripped)); value = trim(eq ? substr(stripped, eq + 1) : "")
  if (key ~ /^\[/) iface = (key == "[interface]")
  if (iface && key == "address") { n = split(value, a, /[ ,\t]+/); for (i = 1; i <= n; i++) if (a[i] != "") { if (!cidr(a[i])) no(); na++; addr[na] = a[i]; anet[na] = C_NET; alen[na] = C_LEN }; next }
  if (iface && key == "mtu") { if (value !~ /^[0-9]+$/) no(); mtu = value; next }
  if (iface && key ~ /^(dns|table|preup|predown|postup|postdown|saveconfig)$/) { no(); next }
  if (!iface && key == "allowedips") {
    n = split(value, a, /[ ,\t]+/)
    for (i = 1; i <= n; i++) if (a[i] != "") { if (!cidr(a[i]) || C_LEN == 0) no(); nr++; rnet[nr] = C_NET; rlen[nr] = C_LEN }
  }
  if (!iface && key == "endpoint") { if (value !~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+:[0-9]+$/) no(); else { sub(/:[0-9]+$/, "", value); eps[value] = 1 } }
  print line > out
}
END {
  if (bad || na == 0) exit 0
  for (i = 1; i <= na; i++) print "addr " addr[i] > plan
  if (mtu != "") print "mtu " mtu > plan
  for (e in eps) print "ep " e > plan
  for (l = 32; l >= 1; l--) for (i = 1; i <= nr; i++) if (rlen[i] == l && !((rnet[i] "/" l) in done)) {
    done[rnet[i] "/" l] = 1; covered = 0
    for (j = 1; j <= na; j++) if (l >= alen[j] && int(rnet[i] / pow2(32 - alen[j])) == int(anet[j] / pow2(32 - alen[j]))) covered = 1
    if (!covered) print "route " dotted(rnet[i]) "/" l > plan
  }
  print "quick" > plan
}'

# Down, using the config it was brought up with (PostDown and routes come from there); a no-op when not up.
wg_down() { # iface conf
  if [ "$SYSTEMD" = 1 ] && systemctl is-active --quiet "wg-quick@$1" </dev/null >/dev/null 2>&1 9>&-; then
    run systemctl stop "wg-quick@$1" || return 1
  fi
  is_up "$1" || return 0
  if [ -e "$2" ]; then run wg-quick down "$2"; else run ip link delete dev "$1"; fi
}

# Peers-only change, no restart. syncconf gets a complete config (with PrivateKey) from a strip that
# succeeded: an empty or key-less input would drop every peer or zero the key (DESIGN.md, Secrets).
live_sync() { # iface conf; SYNC_MSG says why on failure, SYNC_RAN=1 once syncconf was started
  new_temp "${2%/*}" || { SYNC_MSG="cannot create a temp file"; return 1; }
  s=$NT
  track "$s"
  if ! wg-quick strip "$2" </dev/null >"$s" 2>"$OUT" 9>&-; then
    rm -f "$s"; SYNC_MSG="wg-quick strip failed, nothing synced: $(detail)"; return 1
  fi
  if [ ! -s "$s" ] || ! grep -qi '^[[:space:]]*PrivateKey[[:space:]]*=' "$s"; then
    rm -f "$s"; SYNC_MSG="wg-quick strip gave no complete config (no PrivateKey), nothing synced"; return 1
  fi
  SYNC_RAN=1
  if ! run wg syncconf "$1" "$s"; then
    rm -f "$s"; SYNC_MSG="wg syncconf failed: $(detail)"; return 1
  fi
  rm -f "$s"
}

# Read once for the whole verify phase: the interfaces that are up, and every interface's peers.
verify_read() {
  V_IFACES=" $(wg show interfaces </dev/null 2>/dev/null 9>&-) "
  V_PEERS=$(wg show all peers </dev/null 2>/dev/null 9>&-)
}

verify_up() { # iface expected-peers
  case "$V_IFACES" in *" $1 "*) ;; *) fail "verify:$1" "$1 is not up after apply" ;; esac
  n=0
  while IFS='	' read -r vi _; do [ "$vi" = "$1" ] && n=$((n + 1)); done <<EOF
$V_PEERS
EOF
  [ "$n" = "$2" ] || fail "verify:$1" "$1 has $n peers, expected $2"
  step_ok "verify:$1"
}

verify_down() { # iface
  case "$V_IFACES" in *" $1 "*) fail "verify:$1" "$1 is still up" ;; esac
  step_ok "verify:$1"
}

write_manifest() { # stdin: base64
  new_temp "$STATE" || fail manifest "cannot create a temp file in /var/lib/wgform"
  t=$NT
  track "$t"
  base64 -d >"$t" || fail manifest "cannot decode the manifest"
  chmod 0644 "$t" && own_root "$t" && mv -f "$t" "$STATE/manifest.json" \
    || fail manifest "cannot write /var/lib/wgform/manifest.json"
  step_ok manifest
}

# Backups hold old configs (with keys) on this host only; keep the last 10 runs.
prune_backups() {
  [ -d "$STATE/backup" ] || return 0
  ls -1t "$STATE/backup" | tail -n +11 | while IFS= read -r old; do
    [ -n "$old" ] && rm -rf -- "$STATE/backup/$old"
  done
  return 0
}
# --- end of install library ---
