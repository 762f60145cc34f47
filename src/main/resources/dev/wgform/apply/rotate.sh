# --- wgform rotation library: staged key rotation. Every function can run again after a killed run and end in
# the same state, because wgform resumes a rotation by repeating the stage it was in. New keys are made here and
# never leave; only public keys, epochs and PSK hashes are printed. ---

# The interface must be up for a live change: wg set on a missing interface would fail half-way through a stage.
rot_iface() { # iface
  wg show "$1" public-key >/dev/null 2>"$OUT" 9>&- || fail "interface $1 is not up: run wgform apply first"
}

# KEY.next: the key the interface will switch to. fresh=1 (a new rotation) replaces one an abandoned run left.
rot_prepare() { # iface key-path fresh
  need_wg "the next key of $1 cannot be made"
  k="$R$2"
  [ -s "$k" ] || fail "$2 is missing: run wgform apply first"
  [ "$3" = 1 ] && rm -f -- "$k.next"
  if [ ! -s "$k.next" ]; then
    new_temp "${k%/*}" || fail "cannot create a temp file next to $2"
    t=$NT
    track "$t"
    genkey_to "$t" || fail "cannot generate the next key of $1: $(detail)"
    chmod 0600 "$t" && own_root "$t" || fail "cannot set the mode of the next key of $1"
    mv -f "$t" "$k.next" || fail "cannot move the next key into $2.next"
  fi
  rot_pub "$1" current "$k"
  rot_pub "$1" next "$k.next"
}

rot_pub() { # iface which file
  p=$(wg pubkey <"$3" 2>"$OUT" 9>&-) || fail "wg pubkey failed for the $2 key of $1: $(detail)"
  [ -n "$p" ] || fail "wg pubkey printed nothing for the $2 key of $1"
  say "@@key $1 $2 $p"
}

# A staged peer entry for a key that is not in use yet: no AllowedIPs, so it routes nothing until the swap moves
# them onto it. Its PSK is the pair's file (or the pair's next PSK when PSKs rotate too).
rot_stage() { # iface pubkey endpoint psk-path (empty: none)
  rot_iface "$1"
  if [ -n "$3" ] && [ -n "$4" ]; then run wg set "$1" peer "$2" endpoint "$3" preshared-key "$R$4"
  elif [ -n "$3" ]; then run wg set "$1" peer "$2" endpoint "$3"
  elif [ -n "$4" ]; then run wg set "$1" peer "$2" preshared-key "$R$4"
  else run wg set "$1" peer "$2"
  fi || fail "cannot stage the new key of a peer on $1: $(detail)"
  say "@@staged $1 $2"
}

# FILE.next over FILE, keeping FILE.prev until commit so a failed verification can put it back. Already done when
# FILE.next is gone (a resumed run).
rot_promote() { # path
  f="$R$1"
  [ -s "$f.next" ] || return 0
  if [ ! -e "$f.prev" ]; then
    new_temp "${f%/*}" || fail "cannot create a temp file next to $1"
    t=$NT
    track "$t"
    cat "$f" >"$t" && chmod 0600 "$t" && own_root "$t" && mv -f "$t" "$f.prev" || fail "cannot keep $1 as $1.prev"
  fi
  mv -f "$f.next" "$f" || fail "cannot move $1.next into $1"
}

# FILE.prev back over FILE (a rollback); a new FILE.next still lying around is dropped.
rot_demote() { # path
  f="$R$1"
  if [ -s "$f.prev" ]; then mv -f "$f.prev" "$f" || fail "cannot move $1.prev back into $1"; fi
  rm -f -- "$f.next"
}

# Removes FILE.next or FILE.prev: material a commit or an abort leaves behind.
rot_drop() { # path-with-suffix
  rm -f -- "$R$1" || fail "cannot remove $1"
}

# The interface takes the key in the file, live: sessions restart with it, the tunnels stay configured. Prints
# when the key went live: now, or for a resumed run whose key is already live, when .prev was kept (the swap), so
# verification still counts the handshakes made since then.
rot_live_key() { # iface key-path
  rot_iface "$1"
  lk_want=$(wg pubkey <"$R$2" 2>"$OUT" 9>&-) || fail "wg pubkey failed for the key of $1: $(detail)"
  lk_have=$(wg show "$1" public-key 2>"$OUT" 9>&-) || fail "cannot read the public key of $1: $(detail)"
  if [ -n "$lk_want" ] && [ "$lk_want" = "$lk_have" ] && [ -e "$R$2.prev" ]; then
    lk_at=$(stat -c %Y "$R$2.prev") || fail "cannot stat $2.prev"
    say "@@swapped $1 $lk_at"
    return 0
  fi
  run wg set "$1" private-key "$R$2" || fail "cannot set the private key of $1: $(detail)"
  say "@@swapped $1 $(date +%s)"
}

rot_live_psk() { # iface pubkey psk-path
  rot_iface "$1"
  run wg set "$1" peer "$2" preshared-key "$R$3" || fail "cannot set a PSK on $1: $(detail)"
}

# Moves a peer's AllowedIPs from its old key to its new one and drops the old entry, in one wg set: the kernel
# (or wireguard-go) takes an AllowedIP off whichever peer had it when it is given to another.
rot_move() { # iface new-pub old-pub allowed-ips keepalive(0: none)
  rot_iface "$1"
  if [ "$5" != 0 ]; then
    run wg set "$1" peer "$2" allowed-ips "$4" persistent-keepalive "$5" peer "$3" remove
  else
    run wg set "$1" peer "$2" allowed-ips "$4" peer "$3" remove
  fi || fail "cannot move a peer to its new key on $1: $(detail)"
  say "@@moved $1 $2"
}

# The rollback of a move: the old entry as the config has it, the new one removed.
rot_restore() { # iface old-pub new-pub allowed-ips endpoint keepalive(0: none) psk-path
  rot_iface "$1"
  rr_args="allowed-ips $4"
  [ -n "$5" ] && rr_args="$rr_args endpoint $5"
  [ "$6" != 0 ] && rr_args="$rr_args persistent-keepalive $6"
  # Word splitting of rr_args is wanted: every piece was checked by wgform (addresses, host:port, digits).
  if [ -n "$7" ]; then
    run wg set "$1" peer "$2" $rr_args preshared-key "$R$7" peer "$3" remove
  else
    run wg set "$1" peer "$2" $rr_args peer "$3" remove
  fi || fail "cannot restore a peer's old key on $1: $(detail)"
  say "@@restored $1 $2"
}

rot_unstage() { # iface pubkey
  if wg show "$1" public-key >/dev/null 2>&1; then
    run wg set "$1" peer "$2" remove || fail "cannot remove a staged peer from $1: $(detail)"
  fi
  say "@@unstaged $1 $2"
}

# Waits (at most `timeout` seconds) for a handshake after `since` with every peer given as "PUBKEY ADDRESS" lines
# on stdin (a heredoc: the script itself is sh's stdin), pinging the ones still missing so there is traffic to start one.
# wg prints 0 for a peer it never heard from: never a fresh handshake, even against a swap time of 0.
rot_await() { # iface since timeout
  rot_iface "$1"
  ra_peers=$(cat)
  ra_end=$(( $(date +%s) + $3 ))
  ra_pinged=0
  while :; do
    ra_hs=$(wg show "$1" latest-handshakes 2>"$OUT" 9>&-) || fail "cannot read the handshakes of $1: $(detail)"
    ra_missing=
    while IFS=' ' read -r ra_p ra_a; do
      [ -n "$ra_p" ] || continue
      ra_t=$(printf '%s\n' "$ra_hs" | awk -v p="$ra_p" '$1 == p { print $2 }')
      if [ -n "$ra_t" ] && [ "$ra_t" -gt 0 ] && [ "$ra_t" -ge "$2" ]; then continue; fi
      ra_missing="$ra_missing$ra_p $ra_a
"
    done <<EOF
$ra_peers
EOF
    [ -z "$ra_missing" ] && break
    # the deadline counts in whole seconds: the silent peers get at least one round of pings, whenever it falls
    [ "$ra_pinged" = 1 ] && [ "$(date +%s)" -ge "$ra_end" ] && break
    ra_pinged=1
    printf '%s' "$ra_missing" | while IFS=' ' read -r ra_p ra_a; do
      [ -n "$ra_a" ] && ping -c 1 -W 1 "$ra_a" </dev/null >/dev/null 2>&1 9>&-
    done
    sleep 1
  done
  printf '%s\n' "$ra_peers" | while IFS=' ' read -r ra_p ra_a; do
    [ -n "$ra_p" ] || continue
    ra_t=$(printf '%s\n' "$ra_hs" | awk -v p="$ra_p" '$1 == p { print $2 }')
    if [ -n "$ra_t" ] && [ "$ra_t" -gt 0 ] && [ "$ra_t" -ge "$2" ]; then say "@@handshake $1 $ra_p $ra_t"; else say "@@nohandshake $1 $ra_p"; fi
  done
}

# Traffic over the tunnel: a ping to a plane address, retried until it answers or `timeout` seconds pass.
rot_ping() { # address timeout
  command -v ping >/dev/null 2>&1 || { say "@@ping $1 noping"; return 0; }
  rp_end=$(( $(date +%s) + $2 ))
  while :; do
    if ping -c 1 -W 1 "$1" </dev/null >/dev/null 2>&1 9>&-; then say "@@ping $1 ok"; return 0; fi
    [ "$(date +%s)" -ge "$rp_end" ] && break
    sleep 1
  done
  say "@@ping $1 fail"
}
# --- end of rotation library ---
