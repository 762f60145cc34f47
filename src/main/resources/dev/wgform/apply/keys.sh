# --- wgform keys library: private keys are made here and never leave; PSKs arrive in heredocs ---
fail() { say "@@error $*"; exit 1; }

need_wg() {
  command -v wg >/dev/null 2>&1 || fail "wg is not installed on this host, so $1: install wireguard-tools (apt install wireguard-tools / dnf install wireguard-tools) and apply again"
}

# Generate the interface's private key unless it exists; print its public key and mtime, never the key.
ensure_key() { # iface path
  k="$R$2"
  if [ ! -s "$k" ]; then
    need_wg "the private key of $1 cannot be generated"
    d="${k%/*}"
    ensure_dir "$d" 1 || fail "cannot create ${2%/*}"
    t=$(new_temp "$d") || fail "cannot create a temp file next to $2"
    track "$t"
    wg genkey </dev/null >"$t" 2>"$OUT" 9>&- || fail "wg genkey failed for $1: $(detail)"
    [ -s "$t" ] || fail "wg genkey printed nothing for $1"
    chmod 0600 "$t" && own_root "$t" || fail "cannot set the mode of the new key of $1"
    mv -f "$t" "$k" || fail "cannot move the new key into $2"
    say "@@keycreated $1"
  fi
  need_wg "the public key of $1 cannot be derived"
  pub=$(wg pubkey <"$k" 2>"$OUT" 9>&-) || fail "wg pubkey failed for $2 (is it a valid key?): $(detail)"
  [ -n "$pub" ] || fail "wg pubkey printed nothing for $2"
  mtime=$(stat -c %Y "$k") || fail "cannot stat $2"
  say "@@pubkey $1 $pub"
  say "@@keymtime $1 $mtime"
}

# Write a PSK read from stdin (a heredoc in this script, never a command line) atomically, 0600.
write_psk() { # path
  p="$R$1"
  d="${p%/*}"
  ensure_dir "$d" 1 || fail "cannot create ${1%/*}"
  t=$(new_temp "$d") || fail "cannot create a temp file next to $1"
  track "$t"
  cat >"$t" || fail "cannot write the PSK for $1"
  [ -s "$t" ] || fail "empty PSK for $1"
  chmod 0600 "$t" && own_root "$t" || fail "cannot set the mode of $1"
  mv -f "$t" "$p" || fail "cannot move the PSK into $1"
  say "@@psk $1 $(psk_hash "$p")"
}
# --- end of keys library ---
