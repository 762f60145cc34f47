# --- wgform common library: helpers for the generated keys and install scripts ---
set -u
umask 077
R="${WGFORM_ROOT:-}"
STATE="$R/var/lib/wgform"
TMPS=""
OUT=""
IS_ROOT=0
NL='
'
[ "$(id -u)" = 0 ] && IS_ROOT=1

say() { printf '%s\n' "$*"; }

# Temp files to remove however the script ends (newline-separated).
track() { TMPS="$TMPS
$1"; }

cleanup() {
  printf '%s\n' "$TMPS" | while IFS= read -r t; do
    if [ -e "$t" ] || [ -L "$t" ]; then rm -f -- "$t"; fi
  done
  [ -n "$OUT" ] && rm -f -- "$OUT"
  return 0
}
trap cleanup EXIT
# A workstation that goes away must not kill us half-way: finish (or roll back) with nobody listening.
trap '' PIPE

# A new, empty temp file in $1, which must be on the same file system as the file it will replace (rename is
# atomic); its path is left in NT. The shell makes it, not mktemp: process starts are most of what an install costs
# a host, and an install made about 25 temp files. With noclobber the redirection creates it exclusively (O_EXCL),
# umask 077 makes it 0600, and every directory wgform stages in is root's and writable by root only, so a name that
# is easy to guess lets nobody in. Names end in 6 digits: clean_stale finds those a killed run left behind.
NT=""
NT_N=0
new_temp() { # dir
  nt_try=0
  while [ "$nt_try" -lt 20 ]; do
    nt_try=$((nt_try + 1))
    NT_N=$((NT_N + 1))
    NT="000000$$$NT_N"
    NT="$1/.wgform.${NT#"${NT%??????}"}"
    # taken: next name (noclobber would open, and block on, an existing FIFO rather than fail)
    { [ -e "$NT" ] || [ -L "$NT" ]; } && continue
    set -C
    if { true >"$NT"; } 2>/dev/null; then
      set +C
      return 0
    fi
    set +C
    [ -d "$1" ] && [ -w "$1" ] || break
  done
  NT=""
  return 1
}

# Temp files a killed run left behind (it could not clean up): they are ours by name, remove them.
clean_stale() {
  [ -d "$1" ] || return 0
  for f in "$1"/.wgform.??????; do
    [ -f "$f" ] && rm -f -- "$f"
  done
  return 0
}

own_root() { if [ "$IS_ROOT" = 1 ]; then chown root:root "$1"; fi; }

# Create a directory: 0700 for secrets (WireGuard's tree), 0755 (only what we create) elsewhere.
ensure_dir() { # dir secret(0|1)
  if [ "$2" = 1 ]; then
    { [ -d "$1" ] || mkdir -p "$1"; } && chmod 0700 "$1"
  else
    [ -d "$1" ] || (umask 022 && mkdir -p "$1")
  fi
}

# Commands never read the script (stdin) and never inherit the lock (fd 9): a daemon they start would keep it.
run() { "$@" </dev/null >"$OUT" 2>&1 9>&-; }

# The last lines a failed command printed, on one line, with anything key-shaped (40+ base64 chars) redacted.
detail() {
  if [ -s "$OUT" ]; then
    tail -n 3 "$OUT" | tr '\n\r\t' '   ' | sed -e 's/[A-Za-z0-9+\/]\{40,\}=\{0,2\}/(redacted)/g' | cut -c1-300
  else
    printf '%s' "no output"
  fi
}

# A PSK from stdin (a heredoc in the script, base64 text as wg genpsk prints it) into FILE, with shell builtins only:
# no process, so the value is in no command line, and none is started per PSK. Fails on an empty PSK.
put_psk() { # file
  IFS= read -r pp_v && [ -n "$pp_v" ] && printf '%s\n' "$pp_v" >"$1" 2>"$OUT"
  pp_r=$?
  pp_v=""
  return "$pp_r"
}

# "@@psk PATH HASH" for each PSK put in place, the hash as the fact script computes it (sha256 of the file's bytes,
# which reveals nothing of the key): one sha256sum for all of them. wgform names these paths: no space or newline.
report_psks() { # path...
  rp_n=$#
  while [ "$rp_n" -gt 0 ]; do
    set -- "$@" "$R$1"
    shift
    rp_n=$((rp_n - 1))
  done
  [ $# -gt 0 ] || return 0
  rp_sums=$(sha256sum -- "$@" </dev/null 2>/dev/null 9>&-)
  for rp_p; do
    rp_l="${rp_sums%%"$NL"*}"
    rp_sums="${rp_sums#"$rp_l"}"
    rp_sums="${rp_sums#"$NL"}"
    case "$rp_l" in *"  $rp_p") say "@@psk ${rp_p#"$R"} ${rp_l%%" "*}" ;; esac
  done
}

# wgform's table at boot too: nftables.service loads /etc/nftables.conf, which gets one include line. A glob, so a
# missing wgform.nft (removed, or a first apply rolled back) never breaks the boot-time load. Best effort, like
# nft_record: the table is live already; an /etc/nftables.conf that cannot be edited only costs the reboot case.
NFT_CONF_INCLUDE='include "/etc/nftables.d/wgform*.nft"'
nft_persist() {
  np_c="$R/etc/nftables.conf"
  if [ -f "$np_c" ] && grep -qxF "$NFT_CONF_INCLUDE" "$np_c" 2>/dev/null; then return 0; fi
  new_temp "$R/etc" || return 0
  np_t=$NT
  track "$np_t"
  if [ -f "$np_c" ]; then
    np_line=$(printf '\n# wgform: its own table (table inet wgform), loaded at boot as well\n%s' "$NFT_CONF_INCLUDE")
    if cp -p "$np_c" "$np_t" 2>/dev/null && printf '%s\n' "$np_line" >>"$np_t" && mv -f "$np_t" "$np_c" 2>/dev/null; then
      return 0
    fi
    # a file bind-mounted over /etc/nftables.conf (a container, the lab) cannot be renamed over: append in place,
    # which leaves the admin's lines as they are whatever happens
    rm -f "$np_t"
    printf '%s\n' "$np_line" >>"$np_c" 2>/dev/null
  else
    printf '#!/usr/sbin/nft -f\n# wgform: its own table (table inet wgform), loaded at boot\n%s\n' "$NFT_CONF_INCLUDE" >"$np_t" &&
      chmod 0755 "$np_t" && mv -f "$np_t" "$np_c" 2>/dev/null
  fi
  return 0
}

# After wgform loads its nftables table: the listing's hash as the fact script computes it, so drift can tell a
# table changed by hand from the one wgform loaded. Best effort: a failure here never fails the load.
nft_record() { # family name
  nr_t=$(nft -s list table "$1" "$2" 2>/dev/null) || { rm -f "$R/var/lib/wgform/nftables.sha256"; return 0; }
  mkdir -p "$R/var/lib/wgform" 2>/dev/null &&
    printf '%s\n' "$nr_t" | sha256sum | cut -d' ' -f1 > "$R/var/lib/wgform/nftables.sha256.tmp" 2>/dev/null &&
    mv -f "$R/var/lib/wgform/nftables.sha256.tmp" "$R/var/lib/wgform/nftables.sha256" 2>/dev/null
  return 0
}

# One wgform run per host at a time, whichever workstation it comes from; flock's lock dies with the process, so a
# killed run never blocks the next. The holder (user@workstation, pid, start) is written into the lock file once
# held, and LOCK_HOLDER says who holds it when taking it fails.
take_lock() { # holder
  LOCK_HOLDER=
  ensure_dir "$STATE" 1 || return 1
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>>"$STATE/lock" || return 1
  if flock -n 9; then
    printf '%s\n' "$1" > "$STATE/lock"
    return 0
  fi
  IFS= read -r LOCK_HOLDER < "$STATE/lock" || LOCK_HOLDER='an unknown run'
  return 1
}
# --- end of common library ---
