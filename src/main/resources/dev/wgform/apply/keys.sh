# --- wgform keys library: private keys are made here and never leave; PSKs arrive in heredocs ---
fail() { say "@@error $*"; exit 1; }

need_wg() {
  command -v wg >/dev/null 2>&1 || fail "wg is not installed on this host, so $1: install wireguard-tools (apt install wireguard-tools / dnf install wireguard-tools) and apply again"
}

# genkey_to FILE: write a new private key into FILE (already made by new_temp, mode 0600) as wg genkey prints it:
# 44 base64 characters and a newline. Uses wg genkey, or without wg 32 bytes of /dev/urandom with the Curve25519
# clamping. Needs $OUT (a temp file, as every step makes); returns non-zero with the reason in "$OUT" on failure.
# The key never appears on a command line or on stdout. The rotation steps call this too: keep name and contract.
genkey_to() { # file
  if command -v wg >/dev/null 2>&1; then
    wg genkey </dev/null >"$1" 2>"$OUT" 9>&- || return 1
    key_file_ok "$1" || { say "wg genkey printed no key" >>"$OUT"; return 1; }
  else
    genkey_urandom "$1" 2>"$OUT" && key_file_ok "$1" || {
      say "wg is not installed on this host and no key could be made from /dev/urandom with od and base64: install wireguard-tools" >>"$OUT"
      return 1
    }
  fi
}

# True if the file's first line is shaped like a key as wg prints it: 44 base64 characters ending in '='.
key_file_ok() { # file
  kf_line=
  IFS= read -r kf_line <"$1" || true
  case "$kf_line" in
    *[!A-Za-z0-9+/=]*) kf_ok=0 ;;
    *=) kf_ok=$((${#kf_line} == 44)) ;;
    *) kf_ok=0 ;;
  esac
  kf_line=
  [ "$kf_ok" = 1 ]
}

# The fallback: od prints the 32 bytes in decimal, the shell clamps the first and last (RFC 7748: clear the 3 low
# bits; clear bit 255, set bit 254) and turns them into printf octal escapes; printf is a builtin everywhere.
genkey_urandom() { # file
  gk_bytes=$(od -An -N32 -tu1 /dev/urandom) || return 1
  gk_fmt=
  gk_n=0
  for gk_b in $gk_bytes; do
    gk_n=$((gk_n + 1))
    [ "$gk_n" = 1 ] && gk_b=$((gk_b & 248))
    [ "$gk_n" = 32 ] && gk_b=$(((gk_b & 127) | 64))
    gk_fmt="$gk_fmt\\$((gk_b / 64))$((gk_b / 8 % 8))$((gk_b % 8))"
  done
  gk_bytes=
  gk_b=
  [ "$gk_n" = 32 ] || { gk_fmt=; echo "od read $gk_n bytes of /dev/urandom, not 32" >&2; return 1; }
  { printf "$gk_fmt" | base64 | tr -d '\n'; echo; } >"$1"
  gk_fmt=
}

# Generate the interface's private key unless it exists; print its public key and mtime, never the key.
# Without wg the key is still made (from /dev/urandom), but only wg can derive its public key: that fails clearly.
ensure_key() { # iface path
  k="$R$2"
  if [ ! -s "$k" ]; then
    d="${k%/*}"
    if [ "$d" != "${EK_DIR:-}" ]; then # the interfaces' keys share a directory: made and tightened once
      ensure_dir "$d" 1 || fail "cannot create ${2%/*}"
      EK_DIR=$d
    fi
    new_temp "$d" || fail "cannot create a temp file next to $2"
    t=$NT
    track "$t"
    genkey_to "$t" || fail "cannot generate the private key of $1: $(detail)"
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
  new_temp "$d" || fail "cannot create a temp file next to $1"
  t=$NT
  track "$t"
  put_psk "$t" || fail "cannot write the PSK for $1 (empty, or $(detail))"
  chmod 0600 "$t" && own_root "$t" || fail "cannot set the mode of $1"
  mv -f "$t" "$p" || fail "cannot move the PSK into $1"
  report_psks "$1"
}
# --- end of keys library ---
