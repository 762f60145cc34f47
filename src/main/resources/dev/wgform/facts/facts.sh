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

# The script runs its request lines twice: the list pass only notes each path that is a file, so ONE stat call
# covers them all; the report pass then prints the facts, looking each path up in that stat output in the same
# order. Process starts are what this script costs on a host, hence the batching.
TAB='	'
WGF_PASS=list
WGF_LIST=
WGF_STATFMT='%a %U:%G %Y %s'

# In the list pass: notes $R$1 for the stat call and fails, so the caller stops; in the report pass: succeeds.
wgf_want() {
    [ "$WGF_PASS" = report ] && return 0
    case "$1" in *"$TAB"*) ;; *) [ -f "$R$1" ] && WGF_LIST="$WGF_LIST$R$1$NL" ;; esac
    return 1
}

# WGF_ST := "MODE OWNER:GROUP MTIME SIZE" of $R$1, or empty. WGF_REST is the stat output not yet looked up, each
# line "NAME", a tab, then those fields, after a newline; lookups come in list order, so the line wanted is nearly always the first.
wgf_stat() {
    # Otherwise files before it vanished meanwhile; or it appeared meanwhile, and is asked about alone.
    case "$WGF_REST" in
        "$NL$R$1$TAB"*) WGF_REST="${WGF_REST#"$NL$R$1$TAB"}" ;;
        *"$NL$R$1$TAB"*) WGF_REST="${WGF_REST#*"$NL$R$1$TAB"}" ;;
        *) WGF_ST=$(stat -L -c "$WGF_STATFMT" -- "$R$1" 2>/dev/null); return ;;
    esac
    WGF_ST="${WGF_REST%%"$NL"*}"
    WGF_REST="${WGF_REST#"$WGF_ST"}"
}

# WGF_MTIME := the mtime from WGF_ST, or '?'.
wgf_mtime() {
    WGF_MTIME="${WGF_ST% *}"
    WGF_MTIME="${WGF_MTIME##* }"
    [ -n "$WGF_ST" ] || WGF_MTIME='?'
}

# A file, once: "@@file PATH" + "MODE OWNER:GROUP" + base64 of the content with secret values redacted.
wgf_file() {
    case "$1" in *"$NL"*) return ;; esac
    case "$SEEN" in *"$NL$1$NL"*) return ;; esac
    SEEN="$SEEN$1$NL"
    wgf_want "$1" || return 0
    if [ -f "$R$1" ]; then
        if [ -r "$R$1" ]; then
            wgf_stat "$1"
            WGF_ST="${WGF_ST% * *}"
            printf '@@file %s\n%s\n' "$1" "${WGF_ST:-? ?}"
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
    wgf_want "$2" || return 0
    if [ -f "$R$2" ]; then
        if [ -r "$R$2" ]; then
            wgf_stat "$2"
            wgf_mtime
            printf '@@key %s %s\n%s\n' "$1" "$2" "$WGF_MTIME"
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

# WGF_V := the line on stdin if that is all there is (ended by a newline), else empty.
wgf_one_line() {
    WGF_X=
    IFS= read -r WGF_V && ! IFS= read -r WGF_X && [ -z "$WGF_X" ] && return 0
    WGF_V=
}

# A PSK file: "@@psk PATH" + mtime + sha256("wgform-psk-v1:" + content); the value itself stays here. A file that
# is one line of base64 characters (as wgform writes them) is read by the shell and hashed by sha256sum alone:
# its size proves the bytes are exactly that line and a newline, and printf, a builtin, puts the value in no
# process's arguments. Any other content goes the long way, byte for byte.
wgf_psk() {
    wgf_want "$1" || return 0
    if [ -f "$R$1" ]; then
        if [ -r "$R$1" ]; then
            wgf_stat "$1"
            wgf_mtime
            printf '@@psk %s\n%s\n' "$1" "$WGF_MTIME"
            WGF_V=
            [ "$WGF_PRINTF" = printf ] && wgf_one_line < "$R$1"
            [ "${WGF_ST##* }" = "$((${#WGF_V} + 1))" ] || WGF_V=
            case "$WGF_V" in *[!A-Za-z0-9+/=]*) WGF_V= ;; esac
            if [ -n "$WGF_V" ]; then
                printf 'wgform-psk-v1:%s\n' "$WGF_V" | sha256sum
            else
                { printf 'wgform-psk-v1:'; cat "$R$1"; } | sha256sum
            fi
            WGF_V=
        else
            printf '@@unreadable %s\n' "$1"
        fi
    elif [ -e "$R$1" ] || [ -L "$R$1" ]; then
        printf '@@notfile %s\n' "$1"
    else
        printf '@@nopsk %s\n' "$1"
    fi
}

# A service: "@@service NAME running|stopped". wgf_service only notes one: NAME, an ERE for its process name
# (/proc/PID/comm, at most 15 characters), then systemd units, any of which being active counts. None of these
# words holds a space. wgf_services then asks systemd once, or reads every /proc/PID/comm once, for all of them.
WGF_SVCS=
wgf_service() {
    WGF_SVCS="$WGF_SVCS$*$NL"
}

wgf_services() {
    [ -n "$WGF_SVCS" ] || return 0
    set -f
    if [ "$PID1" = systemd ] && command -v systemctl >/dev/null 2>&1; then
        # systemctl is-active prints one state per unit, in order; any other count and each service is asked alone.
        WGF_UNITS=
        WGF_N=0
        IFS=$NL
        for WGF_S in $WGF_SVCS; do
            IFS=' '
            set -- $WGF_S
            shift 2
            WGF_UNITS="$WGF_UNITS $*"
            WGF_N="$((WGF_N + $#))"
        done
        IFS=' '
        WGF_STATES=$(systemctl is-active $WGF_UNITS 2>/dev/null)
        IFS=$NL
        set -- $WGF_STATES
        [ "$#" = "$WGF_N" ] || WGF_STATES=
        WGF_STATES="$WGF_STATES$NL"
        for WGF_S in $WGF_SVCS; do
            IFS=' '
            set -- $WGF_S
            WGF_NAME=$1
            shift 2
            WGF_STATE=stopped
            if [ "$WGF_STATES" = "$NL" ]; then
                systemctl is-active --quiet "$@" 2>/dev/null && WGF_STATE=running
            else
                for WGF_U; do
                    case "$WGF_STATES" in active"$NL"*|reloading"$NL"*|refreshing"$NL"*) WGF_STATE=running ;; esac
                    WGF_STATES="${WGF_STATES#*"$NL"}"
                done
            fi
            printf '@@service %s %s\n' "$WGF_NAME" "$WGF_STATE"
            IFS=$NL
        done
    else
        set +f
        export WGF_SVCS
        cat "$R"/proc/[0-9]*/comm 2>/dev/null | awk '
            BEGIN { n = split(ENVIRON["WGF_SVCS"], s, "\n")
                    for (i = 1; i <= n; i++) { split(s[i], f, " "); name[i] = f[1]; rx[i] = "^(" f[2] ")$" } }
            { for (i = 1; i <= n; i++) if ($0 ~ rx[i]) up[i] = 1 }
            END { for (i = 1; i <= n; i++) if (name[i] != "") printf "@@service %s %s\n", name[i], (up[i] ? "running" : "stopped") }'
    fi
    IFS=$WGF_IFS
    set +f
}

MANIFEST="$R/var/lib/wgform/manifest.json"
WGF_IFS=$IFS
WGF_PATHS=
# Every file the manifest lists (wgform writes one "path" per line), so removed intent can be cleaned up.
[ -f "$MANIFEST" ] && WGF_PATHS=$(sed -n 's/.*"path"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\1/p' "$MANIFEST")

# The files asked for, then the manifest's, then the remaining /etc/wireguard/*.conf; each once.
wgf_files() {
#@files
    IFS=$NL
    set -f
    for p in $WGF_PATHS; do
        case "$p" in */../*|*/..) ;; /*) wgf_file "$p" ;; esac
    done
    set +f
    IFS=$WGF_IFS
    for p in "$R"/etc/wireguard/*.conf; do
        [ -e "$p" ] && wgf_file "${p#"$R"}"
    done
}

wgf_keys() {
#@keys
    return 0
}

wgf_psks() {
#@psks
    return 0
}

# The list pass, and the one stat call for every file it noted.
wgf_files
wgf_keys
wgf_psks
WGF_REST=$NL
if [ -n "$WGF_LIST" ]; then
    IFS=$NL
    set -f
    WGF_REST=$(stat -L -c "%n$TAB$WGF_STATFMT" -- $WGF_LIST 2>/dev/null)
    WGF_REST="$NL$WGF_REST$NL"
    set +f
    IFS=$WGF_IFS
fi
WGF_PASS=report
SEEN="$NL"
WGF_PRINTF=$(command -v printf)

if [ -f "$MANIFEST" ]; then
    echo '@@manifest'
    base64 "$MANIFEST"
else
    echo '@@nomanifest'
fi

wgf_files

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

wgf_keys
wgf_psks

#@services
wgf_services

date '+@@time %s'
echo '@@end'
