# Shared by the fake tools: log each call, fail or kill the calling script when the test says so.
#   FAKE_LOG    file every call is appended to ("tool args...")
#   FAKE_STATE  directory with the fake system's state (up/<iface> = its config, enabled/<unit>, active/<unit>)
#   FAKE_FAIL   space-separated tokens: "nft-check", "wg-quick-strip", "wg-quick-up:wg-x", ...
#   FAKE_KILL   "token:N": on the Nth call matching token, kill -9 the script (every "sh -s" ancestor)
#   FAKE_REAL_PATH  PATH without the fakes, for wrappers around real tools
log() { printf '%s\n' "$*" >>"$FAKE_LOG"; }

fails() { case " ${FAKE_FAIL:-} " in *" $1 "*) return 0 ;; esac; return 1; }

maybe_kill() { # token
  case "${FAKE_KILL:-}" in "$1":*) ;; *) return 0 ;; esac
  want=${FAKE_KILL#*:}
  n=$(($(cat "$FAKE_STATE/kill-count" 2>/dev/null || echo 0) + 1))
  echo "$n" >"$FAKE_STATE/kill-count"
  [ "$n" = "$want" ] || return 0
  log "KILL at $1 call $n"
  p=$PPID
  while [ "$p" -gt 1 ]; do
    case "$(tr '\0' ' ' <"/proc/$p/cmdline")" in
      "sh -s "*) next=$(awk '/^PPid:/ { print $2 }' "/proc/$p/status"); kill -9 "$p"; p=$next ;;
      *) break ;;
    esac
  done
  exit 137
}
