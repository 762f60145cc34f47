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

# Fill {{wgform-secret:KEYPATH}} in a staged file from the key file's first line, on the host. The key
# travels through awk's memory only: not argv, not the environment (only the paths are there).
fill_secret() { # file keypath source step ends-with-newline(0|1)
  [ -s "$3" ] || fail "$4" "key file $2 is missing or empty on this host"
  f=$(new_temp "${1%/*}") || fail "$4" "cannot create a temp file next to $1"
  track "$f"
  WGF_MARK="{{wgform-secret:$2}}" WGF_KEY="$3" WGF_NL="$5" awk '
    BEGIN {
      m = ENVIRON["WGF_MARK"]
      if ((getline k < ENVIRON["WGF_KEY"]) <= 0) { bad = 1; exit 3 }
      sub(/[ \t\r]+$/, "", k)
      if (k == "") { bad = 1; exit 3 }
    }
    {
      line = $0; out = ""
      while ((i = index(line, m)) > 0) { out = out substr(line, 1, i - 1) k; line = substr(line, i + length(m)) }
      if (NR > 1) printf "\n"
      printf "%s", out line
    }
    END { if (!bad && ENVIRON["WGF_NL"] == "1") printf "\n" }' "$1" >"$f" 2>"$OUT" </dev/null \
    || fail "$4" "cannot fill the secret from $2"
  mv -f "$f" "$1" || fail "$4" "cannot fill the secret from $2"
}

# Last checks on a staged file: no placeholder left, final mode and owner.
seal() { # file mode step
  if grep -q '{{wgform-secret' "$1"; then fail "$3" "a secret placeholder is left in the file"; fi
  chmod "$2" "$1" && own_root "$1" || fail "$3" "cannot set mode $2 and owner"
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
  t=$(new_temp "$d") || return 1
  track "$t"
  rm -f "$t" && cp -P -p "$BK$1" "$t" && mv -f "$t" "$R$1"
}

# The config an interface runs now: this run's backup when the file was replaced, else the file itself.
old_conf() { # path
  if [ -e "$BK$1" ]; then printf '%s' "$BK$1"; else printf '%s' "$R$1"; fi
}

is_up() { wg show "$1" </dev/null >/dev/null 2>&1 9>&-; }

unit_enabled() { [ "$SYSTEMD" = 1 ] && systemctl is-enabled --quiet "wg-quick@$1" </dev/null >/dev/null 2>&1 9>&-; }

wg_up() { # iface conf
  run wg-quick up "$2"
}

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
  s=$(new_temp "${2%/*}") || { SYNC_MSG="cannot create a temp file"; return 1; }
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

verify_up() { # iface expected-peers
  if ! wg show interfaces </dev/null 2>"$OUT" 9>&- | tr ' \t' '\n\n' | grep -qx -- "$1"; then
    fail "verify:$1" "$1 is not up after apply"
  fi
  n=$(wg show "$1" peers </dev/null 2>"$OUT" 9>&- | grep -c .)
  [ "$n" = "$2" ] || fail "verify:$1" "$1 has $n peers, expected $2"
  step_ok "verify:$1"
}

verify_down() { # iface
  if wg show interfaces </dev/null 2>"$OUT" 9>&- | tr ' \t' '\n\n' | grep -qx -- "$1"; then
    fail "verify:$1" "$1 is still up"
  fi
  step_ok "verify:$1"
}

write_manifest() { # stdin: base64
  t=$(new_temp "$STATE") || fail manifest "cannot create a temp file in /var/lib/wgform"
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
