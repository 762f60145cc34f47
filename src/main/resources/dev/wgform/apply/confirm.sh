# --- wgform confirm library: a firewall or sshd change undoes itself unless a NEW SSH session confirms it ---
# Files in $STATE/confirm, per run: RUN.pid "PID BOOT-ID" while the watchdog waits (renamed, atomically, to
# RUN.firing by the watchdog or to RUN.confirmed by the confirm command: whoever renames it first wins),
# RUN.deadline (epoch seconds, once the install step has ended), RUN.reverted "EPOCH ok|incomplete STEPS..."
# once it fired; and one log for all runs.
CD="$STATE/confirm"
ARMED=0
CONFIRM_MSG=""

boot_id() { cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown; }

confirm_log() { # run text
  printf '%s run %s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" >>"$CD/log" 2>/dev/null
  return 0
}

# The watchdog named in a pid (or firing) file still lives: same boot, process there.
wd_alive() { # file
  wd_pid=""; wd_boot=""
  read -r wd_pid wd_boot _ <"$1" 2>/dev/null || [ -n "$wd_pid" ] || return 1
  [ "$wd_boot" = "$(boot_id)" ] && kill -0 "$wd_pid" 2>/dev/null
}

# Its whole process group (setsid made it a leader), so its sleep goes too; the plain pid without setsid.
kill_watchdog() { # pid
  kill -s TERM -- "-$1" 2>/dev/null || kill -s TERM "-$1" 2>/dev/null || kill "$1" 2>/dev/null
  return 0
}

# Another run's change still waits for its confirmation: no new run until it is confirmed or reverted, since
# that revert would put back files this run is about to write. A watchdog that is gone (the host rebooted) is
# forgotten here, with a line in the log: its change stays, unconfirmed.
confirm_pending() {
  [ -d "$CD" ] || return 0
  for cp_f in "$CD"/*.pid "$CD"/*.firing; do
    [ -f "$cp_f" ] || continue
    cp_r=${cp_f##*/}; cp_r=${cp_r%.*}
    if wd_alive "$cp_f"; then
      cp_when="once its install step has ended"
      if [ -f "$CD/$cp_r.deadline" ]; then
        cp_left=$(( $(cat "$CD/$cp_r.deadline" 2>/dev/null || date +%s) - $(date +%s) ))
        [ "$cp_left" -lt 0 ] && cp_left=0
        cp_when="in about $cp_left s"
      fi
      case "$cp_f" in
        *.firing) CONFIRM_MSG="the unconfirmed firewall/sshd change of run $cp_r is being reverted right now; run apply again in a minute" ;;
        *) CONFIRM_MSG="the firewall/sshd change of run $cp_r was never confirmed from a new SSH session: this host restores it by itself $cp_when; run apply again after that" ;;
      esac
      return 1
    fi
    rm -f "$cp_f"
    confirm_log "$cp_r" "watchdog gone before it could act (host rebooted?): the change stays, unconfirmed"
  done
  return 0
}

# Start the watchdog ($BK/revert.sh), detached: own session, no stdin/stdout, not holding the run lock (fd 9).
confirm_arm() { # seconds
  ensure_dir "$CD" 1 || return 1
  rm -f "$CD/$RUN.reverted" "$CD/$RUN.deadline" "$CD/$RUN.firing" "$CD/$RUN.confirmed"
  if command -v setsid >/dev/null 2>&1; then
    WGFORM_ROOT="$R" setsid sh "$BK/revert.sh" "$$" </dev/null >/dev/null 2>&1 9>&- &
  else
    WGFORM_ROOT="$R" nohup sh "$BK/revert.sh" "$$" </dev/null >/dev/null 2>&1 9>&- &
  fi
  ca_pid=$!
  if ! { printf '%s %s\n' "$ca_pid" "$(boot_id)" >"$CD/$RUN.pid.tmp" && mv -f "$CD/$RUN.pid.tmp" "$CD/$RUN.pid"; }; then
    kill_watchdog "$ca_pid"; rm -f "$CD/$RUN.pid.tmp"; return 1
  fi
  ARMED=1
  confirm_log "$RUN" "armed: restores the firewall/sshd files $1 s after the install step ends unless confirmed"
}

# The install step failed and rolled back by itself: the watchdog has nothing left to do.
confirm_disarm() {
  [ "$ARMED" = 1 ] || return 0
  ARMED=0
  if mv -f "$CD/$RUN.pid" "$CD/$RUN.disarmed" 2>/dev/null; then
    wd_alive "$CD/$RUN.disarmed" && kill_watchdog "$wd_pid"
    rm -f "$CD/$RUN.disarmed" "$CD/$RUN.deadline"
    confirm_log "$RUN" "disarmed: the install step rolled back"
  fi
  return 0
}

# From a new SSH session: the change kept its host reachable, so the watchdog goes. Prints @@confirm ok, or
# reverted (too late: it fired), or missing (no watchdog for this run).
confirm_run() {
  if mv -f "$CD/$RUN.pid" "$CD/$RUN.confirmed" 2>/dev/null; then
    wd_alive "$CD/$RUN.confirmed" && kill_watchdog "$wd_pid"
    rm -f "$CD/$RUN.confirmed" "$CD/$RUN.deadline"
    confirm_log "$RUN" "confirmed from a new SSH session"
    say "@@confirm ok"
  elif [ -f "$CD/$RUN.firing" ] || [ -f "$CD/$RUN.reverted" ]; then
    say "@@confirm reverted"
  else
    say "@@confirm missing"
  fi
}

# From a new session after the install step's own session broke: that step may still be running (its script carries
# on without its connection), and a change is confirmed only once it is complete: @@confirm running while the step
# holds the host's run lock, else as confirm_run.
confirm_when_ended() {
  if command -v flock >/dev/null 2>&1 && [ -f "$STATE/lock" ] && ! flock -n "$STATE/lock" true 2>/dev/null; then
    say "@@confirm running"
    return 0
  fi
  confirm_run
}

# After the deadline: @@revert done ok|incomplete..., pending, or none.
confirm_status() {
  if [ -f "$CD/$RUN.reverted" ]; then
    read -r _ cs_status <"$CD/$RUN.reverted" || true
    say "@@revert done ${cs_status:-incomplete}"
  elif [ -f "$CD/$RUN.pid" ] || [ -f "$CD/$RUN.firing" ]; then
    say "@@revert pending"
  else
    say "@@revert none"
  fi
}

# A successful install: earlier runs' revert markers have been seen (plan notes them) and are history now (the log).
confirm_settle() {
  [ -d "$CD" ] || return 0
  for cs_f in "$CD"/*.reverted; do
    [ -f "$cs_f" ] && rm -f "$cs_f"
  done
  return 0
}

# --- the watchdog's side (revert.sh) ---
REVERT_FAILED=""
wd_failed() { REVERT_FAILED="$REVERT_FAILED $1"; }

# This run's backup back in place (mode and owner kept), or the file removed when there was none before.
wd_restore() { # path
  if [ -e "$BK$1" ] || [ -L "$BK$1" ]; then
    new_temp "$R${1%/*}" || { wd_failed "restore:$1"; return 1; }
    wr_t=$NT
    if rm -f "$wr_t" && cp -P -p "$BK$1" "$wr_t" && mv -f "$wr_t" "$R$1"; then return 0; fi
    rm -f "$wr_t"; wd_failed "restore:$1"; return 1
  fi
  rm -f "$R$1" || { wd_failed "remove:$1"; return 1; }
}

# Wait for the install step to end (at most 15 minutes), then SECONDS more; revert unless confirmed by then.
wd_main() { # install-pid seconds
  wm_n=0
  while kill -0 "$1" 2>/dev/null && [ "$wm_n" -lt 900 ]; do sleep 1; wm_n=$((wm_n + 1)); done
  [ -f "$CD/$RUN.pid" ] || return 0
  printf '%s\n' "$(( $(date +%s) + $2 ))" >"$CD/$RUN.deadline"
  sleep "$2"
  mv -f "$CD/$RUN.pid" "$CD/$RUN.firing" 2>/dev/null || return 0
  OUT="$CD/$RUN.out"
  wd_revert
  if [ -z "$REVERT_FAILED" ]; then wm_s=ok; else wm_s="incomplete$REVERT_FAILED"; fi
  # the log line first: RUN.reverted is the signal that the revert is over
  confirm_log "$RUN" "reverted ($wm_s): no confirmation from a new SSH session within $2 s"
  printf '%s %s\n' "$(date +%s)" "$wm_s" >"$CD/$RUN.reverted.tmp" && mv -f "$CD/$RUN.reverted.tmp" "$CD/$RUN.reverted"
  rm -f "$CD/$RUN.firing" "$CD/$RUN.deadline"
}
# --- end of confirm library ---
