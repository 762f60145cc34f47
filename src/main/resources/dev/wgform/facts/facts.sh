# wgform fact script, format 1. Read-only by construction: it only reads files and asks tools, and prints
# "@@section args" lines, each followed by its payload lines (base64 where content is arbitrary).
# Secrets are redacted HERE, on the host: nothing below prints a private key or a PSK.
# FactScript fills in the request lines below; FactParser reads the output.
R="${WGFORM_ROOT:-}"
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
LC_ALL=C
export PATH LC_ALL
NL='
'
SEEN="$NL"
#@redact

echo '@@wgform-facts 1'

echo '@@os'
OSR="$R/etc/os-release"
[ -r "$OSR" ] || OSR="$R/usr/lib/os-release"
[ -r "$OSR" ] && sed -n -E '/^(ID|ID_LIKE|VERSION_ID)=/p' "$OSR"

PID1=
[ -r "$R/proc/1/comm" ] && read -r PID1 < "$R/proc/1/comm"
echo "@@pid1 $PID1"

echo '@@tools'
for t in wg wg-quick wireguard-go nft firewall-cmd sshd systemctl sudo ss ip pgrep; do command -v "$t"; done
HAVE_WG=
command -v wg >/dev/null 2>&1 && HAVE_WG=1

# A file, once: "@@file PATH" + "MODE OWNER:GROUP" + base64 of the content with secret values redacted.
wgf_file() {
    case "$1" in *"$NL"*) return ;; esac
    case "$SEEN" in *"$NL$1$NL"*) return ;; esac
    SEEN="$SEEN$1$NL"
    if [ -f "$R$1" ]; then
        if [ -r "$R$1" ]; then
            printf '@@file %s\n' "$1"
            stat -L -c '%a %U:%G' "$R$1" 2>/dev/null || echo '? ?'
            sed -E "$WGF_REDACT" "$R$1" | base64
        else
            printf '@@unreadable %s\n' "$1"
        fi
    elif [ -e "$R$1" ] || [ -L "$R$1" ]; then
        printf '@@notfile %s\n' "$1"
    else
        printf '@@nofile %s\n' "$1"
    fi
}

# A private key file: "@@key IFACE PATH" + mtime + the public key only (or nowg / invalid).
wgf_key() {
    if [ -f "$R$2" ]; then
        if [ -r "$R$2" ]; then
            printf '@@key %s %s\n' "$1" "$2"
            stat -L -c %Y "$R$2" 2>/dev/null || echo '?'
            if [ -n "$HAVE_WG" ]; then wg pubkey < "$R$2" 2>/dev/null || echo invalid; else echo nowg; fi
        else
            printf '@@unreadable %s\n' "$2"
        fi
    elif [ -e "$R$2" ] || [ -L "$R$2" ]; then
        printf '@@notfile %s\n' "$2"
    else
        printf '@@nokey %s %s\n' "$1" "$2"
    fi
}

# A PSK file: "@@psk PATH" + mtime + sha256("wgform-psk-v1:" + content); the value itself stays here.
wgf_psk() {
    if [ -f "$R$1" ]; then
        if [ -r "$R$1" ]; then
            printf '@@psk %s\n' "$1"
            stat -L -c %Y "$R$1" 2>/dev/null || echo '?'
            { printf 'wgform-psk-v1:'; cat "$R$1"; } | sha256sum
        else
            printf '@@unreadable %s\n' "$1"
        fi
    elif [ -e "$R$1" ] || [ -L "$R$1" ]; then
        printf '@@notfile %s\n' "$1"
    else
        printf '@@nopsk %s\n' "$1"
    fi
}

# A service: "@@service NAME running|stopped". $2 is an ERE for the process name (/proc/PID/comm, at most
# 15 characters), the rest are systemd units, any of which being active counts.
wgf_service() {
    WGF_NAME=$1
    WGF_COMM=$2
    shift 2
    if [ "$PID1" = systemd ] && command -v systemctl >/dev/null 2>&1; then
        systemctl is-active --quiet "$@" 2>/dev/null
    elif command -v pgrep >/dev/null 2>&1; then
        pgrep -x "$WGF_COMM" >/dev/null 2>&1
    else
        awk -v rx="^($WGF_COMM)\$" '$0 ~ rx { found = 1; exit } END { exit !found }' "$R"/proc/[0-9]*/comm 2>/dev/null
    fi && WGF_STATE=running || WGF_STATE=stopped
    printf '@@service %s %s\n' "$WGF_NAME" "$WGF_STATE"
}

MANIFEST="$R/var/lib/wgform/manifest.json"
if [ -f "$MANIFEST" ]; then
    echo '@@manifest'
    base64 "$MANIFEST"
else
    echo '@@nomanifest'
fi

#@files

# Every file the manifest lists (wgform writes one "path" per line), so removed intent can be cleaned up.
if [ -f "$MANIFEST" ]; then
    WGF_PATHS=$(sed -n 's/.*"path"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\1/p' "$MANIFEST")
    WGF_IFS=$IFS
    IFS=$NL
    set -f
    for p in $WGF_PATHS; do
        case "$p" in */../*|*/..) ;; /*) wgf_file "$p" ;; esac
    done
    set +f
    IFS=$WGF_IFS
fi

for p in "$R"/etc/wireguard/*.conf; do
    [ -e "$p" ] && wgf_file "${p#"$R"}"
done

# Private-key and preshared-key columns are blanked before anything is printed; other line shapes are dropped.
if [ -n "$HAVE_WG" ]; then
    echo '@@wg'
    { wg show all dump 2>/dev/null; echo "wgform-exit $?"; } | awk '
        BEGIN { FS = OFS = "\t" }
        /^wgform-exit [0-9]+$/ { print; next }
        NF == 5 { $2 = "(hidden)"; print; next }
        NF == 9 { if ($3 != "(none)") $3 = "(hidden)"; print }' | base64
else
    echo '@@wg missing'
fi

#@keys

#@psks

#@services

date '+@@time %s'
echo '@@end'
