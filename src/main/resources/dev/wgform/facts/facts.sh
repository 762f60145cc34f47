# wgform fact script, format 2. Read-only by construction: it only reads files and asks tools, and prints
# "@@section args" lines, each followed by its payload lines; where content is arbitrary, each of its lines is
# printed after a ':' (see the awk pass below). Secrets are redacted HERE, on the host: nothing below prints a
# private key or a PSK. FactScript fills in the request lines below; FactParser reads the output.
# Process starts are what this script costs on a host (plan on 8 hosts spends more CPU on them than on SSH), so
# it batches: one stat, one sha256sum and one awk for everything, plus wg show, and wg pubkey only for a key no
# interface runs with (the running interface's dump line already has the public key of its private key). A big
# mesh's script adds one sha256sum per big file it sends as a digest, and one awk if asked for texts (wgf_texts).
R="${WGFORM_ROOT:-}"
PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
LC_ALL=C
export PATH LC_ALL
NL='
'
SEEN="$NL"
# Big meshes: files of this many bytes or more go as their digest first (see wgf_texts); 0 sends every text.
WGF_DIGEST_OVER=0
#@digest

echo '@@wgform-facts 2'

echo '@@os'
OSR="$R/etc/os-release"
[ -r "$OSR" ] || OSR="$R/usr/lib/os-release"
if [ -r "$OSR" ]; then
    while IFS= read -r WGF_L || [ -n "$WGF_L" ]; do
        case "$WGF_L" in ID=*|ID_LIKE=*|VERSION_ID=*) printf '%s\n' "$WGF_L" ;; esac
        WGF_L=
    done < "$OSR"
fi

PID1=
[ -r "$R/proc/1/comm" ] && read -r PID1 < "$R/proc/1/comm"
echo "@@pid1 $PID1"

echo '@@tools'
for t in wg wg-quick wireguard-go nft firewall-cmd sshd systemctl sudo ss ip pgrep; do command -v "$t"; done
HAVE_WG=
command -v wg >/dev/null 2>&1 && HAVE_WG=1

# The script runs its request lines twice: the list pass only notes each path that is a file, so ONE stat call
# (and one sha256sum for the PSKs) covers them all; the report pass then prints the facts, looking each path up in
# that output in the same order.
TAB='	'
WGF_PASS=list
WGF_LIST=
WGF_SUMLIST=
WGF_SUMS=
WGF_READ=
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

# WGF_MTIME := the mtime from WGF_ST, and WGF_MTIME_MODE := "MTIME MODE" (octal), or '?' for both.
wgf_mtime() {
    WGF_MTIME="${WGF_ST% *}"
    WGF_MTIME="${WGF_MTIME##* }"
    WGF_MTIME_MODE="$WGF_MTIME ${WGF_ST%% *}"
    [ -n "$WGF_ST" ] || { WGF_MTIME='?'; WGF_MTIME_MODE='? ?'; }
}

# A file, once: noted for the awk pass (WGF_READ: kind, stat fields and path, one per line), which prints its
# section, so sections keep the order files were asked for in.
wgf_file() {
    case "$1" in *"$NL"*) return ;; esac
    case "$SEEN" in *"$NL$1$NL"*) return ;; esac
    SEEN="$SEEN$1$NL"
    wgf_want "$1" || return 0
    if [ -f "$R$1" ]; then
        if [ -r "$R$1" ]; then
            wgf_stat "$1"
            WGF_READ="${WGF_READ}f$NL${WGF_ST:-? ? ? ?}$NL$1$NL"
        else
            WGF_READ="${WGF_READ}unreadable$NL-$NL$1$NL"
        fi
    elif [ -e "$R$1" ] || [ -L "$R$1" ]; then
        WGF_READ="${WGF_READ}notfile$NL-$NL$1$NL"
    else
        WGF_READ="${WGF_READ}nofile$NL-$NL$1$NL"
    fi
}

# A private key file: "@@key IFACE PATH" + "MTIME MODE" + the public key only (or nowg / invalid).
wgf_key() {
    wgf_want "$2" || return 0
    if [ -f "$R$2" ]; then
        if [ -r "$R$2" ]; then
            wgf_stat "$2"
            wgf_mtime
            printf '@@key %s %s\n%s\n' "$1" "$2" "$WGF_MTIME_MODE"
            if [ -n "$HAVE_WG" ]; then wgf_pubkey "$1" "$R$2"; else echo nowg; fi
        else
            printf '@@unreadable %s\n' "$2"
        fi
    elif [ -e "$R$2" ] || [ -L "$R$2" ]; then
        printf '@@notfile %s\n' "$2"
    else
        printf '@@nokey %s %s\n' "$1" "$2"
    fi
}

# The public key of key file $2 for interface $1: the dump's, when $1 runs with exactly the key the file holds (a
# 45-byte file: the key and a newline, as wg genkey writes it), else wg pubkey's (or "invalid"). The private key
# is compared in this shell's memory and goes no further; WGF_ST is the file's stat line.
wgf_pubkey() {
    WGF_K=
    WGF_V=
    if [ "${WGF_ST##* }" = 45 ]; then
        IFS= read -r WGF_K < "$2" 2>/dev/null
        case "$WGF_K" in
            ""|*[!A-Za-z0-9+/=]*) ;;
            *)
                case "$WGF_DUMP" in
                    *"$NL$1$TAB$WGF_K$TAB"*)
                        WGF_V="${WGF_DUMP#*"$NL$1$TAB$WGF_K$TAB"}"
                        WGF_V="${WGF_V%%"$TAB"*}" ;;
                esac ;;
        esac
    fi
    WGF_K=
    case "$WGF_V" in
        ""|*[!A-Za-z0-9+/=]*)
            wg pubkey < "$2" 2>/dev/null || echo invalid ;;
        *) printf '%s\n' "$WGF_V" ;;
    esac
}

# A PSK file: "@@psk PATH" + "MTIME MODE" + the sha256 of the file's bytes; the value itself stays here. The list pass
# notes every PSK for the one stat call, and WGF_SUMS holds one sha256sum call's output for all of them.
wgf_psk() {
    if ! wgf_want "$1"; then
        [ -f "$R$1" ] && [ -r "$R$1" ] && WGF_SUMLIST="$WGF_SUMLIST$R$1$NL"
        return 0
    fi
    if [ -f "$R$1" ]; then
        if [ -r "$R$1" ]; then
            wgf_stat "$1"
            wgf_mtime
            printf '@@psk %s\n%s\n' "$1" "$WGF_MTIME_MODE"
            # The line "HASH  PATH" of the batch; a path sha256sum had to escape, or one that appeared meanwhile,
            # is hashed alone.
            WGF_V=
            case "$WGF_SUMS" in *"  $R$1$NL"*) WGF_V="${WGF_SUMS%%"  $R$1$NL"*}"; WGF_V="${WGF_V##*"$NL"}" ;; esac
            case "$WGF_V" in *[!0-9a-f]*) WGF_V= ;; esac
            [ "${#WGF_V}" = 64 ] || WGF_V=
            if [ -n "$WGF_V" ]; then printf '%s\n' "$WGF_V"; else sha256sum < "$R$1"; fi
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
# words holds a space. wgf_services then asks systemd once for all of them, or leaves them to the awk pass.
WGF_SVCS=
WGF_PROCS=
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
        # the awk pass reads every /proc/PID/comm
        WGF_PROCS=1
    fi
    IFS=$WGF_IFS
    set +f
}

MANIFEST="$R/var/lib/wgform/manifest.json"
WGF_IFS=$IFS
WGF_PATHS=
# Every file the manifest lists (wgform writes one "path" per line), so removed intent can be cleaned up.
if [ -f "$MANIFEST" ] && [ -r "$MANIFEST" ]; then
    WGF_Q='"'
    WGF_PK='"path"'
    while IFS= read -r WGF_L || [ -n "$WGF_L" ]; do
        case "$WGF_L" in
            *"$WGF_PK"*)
                WGF_L="${WGF_L##*"$WGF_PK"}"
                WGF_S="${WGF_L%%[![:space:]:]*}"
                WGF_L="${WGF_L#"$WGF_S"}"
                case "$WGF_L" in
                    "$WGF_Q"*"$WGF_Q"*)
                        WGF_L="${WGF_L#?}"
                        WGF_L="${WGF_L%%"$WGF_Q"*}"
                        case "$WGF_L" in *\\*) ;; *) WGF_PATHS="$WGF_PATHS$WGF_L$NL" ;; esac ;;
                esac ;;
        esac
        WGF_L=
    done < "$MANIFEST"
fi

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

# The list pass, and the one stat call for every file it noted, and the one sha256sum for every PSK.
wgf_files
wgf_keys
wgf_psks
WGF_REST=$NL
IFS=$NL
set -f
if [ -n "$WGF_LIST" ]; then
    WGF_REST=$(stat -L -c "%n$TAB$WGF_STATFMT" -- $WGF_LIST 2>/dev/null)
    WGF_REST="$NL$WGF_REST$NL"
fi
if [ -n "$WGF_SUMLIST" ]; then
    WGF_SUMS=$(sha256sum -- $WGF_SUMLIST 2>/dev/null)
    WGF_SUMS="$NL$WGF_SUMS$NL"
fi
set +f
IFS=$WGF_IFS

# The live interfaces, read once, before the report pass: their public keys spare a wg pubkey per key file. The
# private-key columns are blanked by the awk pass before anything is printed.
WGF_DUMP=
WGF_DUMP_RC=0
if [ -n "$HAVE_WG" ]; then
    WGF_DUMP=$(wg show all dump 2>/dev/null) || WGF_DUMP_RC=$?
    WGF_DUMP="$NL$WGF_DUMP"
fi

# The report pass.
WGF_PASS=report
SEEN="$NL"
if [ -f "$MANIFEST" ]; then
    WGF_READ="m$NL-$NL/var/lib/wgform/manifest.json$NL"
else
    echo '@@nomanifest'
fi
wgf_files
wgf_keys
wgf_psks
#@services
wgf_services
WGF_NFT=
WGF_LISTEN=
#@live

# The awk pass prints what WGF_READ lists, each entry three lines: KIND, then stat fields or -, then a path.
#   m: the manifest; f: a file, its secret values redacted (with WGF_DIGEST_OVER set, one of that many bytes or
#   more goes as "@@digest": its mode and owner, then the sha256 of that redacted text, one sha256sum per such
#   file; with WGF_TEXTS set, only the files it names, as "@@text", and nothing else); nofile, notfile, unreadable: a section of that name for
#   the path; w: stdin, "wgform-section NAME" lines each starting a section: wg (wg show all dump, key columns
#   blanked), nftables (the live table, no secrets in it), listen (ss: protocol and local address only).
# Content goes one line per line after a ':' (so no line of it can pass for a section), then '\' when the last
# line has no newline; a '!' first says the content is not to be trusted: the bytes read were not the size stat
# saw (changed meanwhile), or held the record separator \001 or a NUL (which some awks also split records at). After "p": /proc/PID/comm paths, for the services.
# Then the host's clock: srand() returns the previous seed, and the first call seeded it with the time of day.
# A redacted line is, after any '#', ';' and blanks, "private key" or "preshared key" in any case and spacing,
# then '=': its value becomes {{wgform-secret}}. The rule of wg's own parser, and also for commented-out keys.
WGF_AWK='
function readall(p,   r, rec, n) {
    RS = "\001"
    WGF_ALL = ""
    n = 0
    while ((r = (getline rec < p)) == 1) WGF_ALL = (n++ ? WGF_ALL "\001" rec : rec)
    close(p)
    WGF_ONE = n < 2
    return r == 0
}
function hide(line,   n, i, c, k) {
    if (!index(line, "=")) return line
    n = length(line)
    i = 1
    while (i <= n && index("#; \t\r\013\014", substr(line, i, 1))) i++
    k = ""
    for (; i <= n; i++) {
        c = substr(line, i, 1)
        if (c == "=") break
        if (index(" \t\r\013\014", c)) continue
        k = k tolower(c)
        if (12 < length(k)) return line
    }
    if (n < i || (k != "privatekey" && k != "presharedkey")) return line
    i++
    while (i <= n && index(" \t\r\013\014", substr(line, i, 1))) i++
    return substr(line, 1, i - 1) "{{wgform-secret}}"
}
function emit(content, redact,   n, l, i, last) {
    n = split(content, l, "\n")
    last = n
    if (n && l[n] == "") last = n - 1
    for (i = 1; i <= last; i++) print ":" (redact ? hide(l[i]) : l[i])
    if (n && l[n] != "") print "\\"
}
function file(meta, path,   f) {
    split(meta, f, " ")
    if (texts != "" && !index(texts, "\t" path "\t")) return
    if (!readall(root path)) { print "@@nofile " path; return }
    if (texts != "") {
        print "@@text " path
        if (!WGF_ONE) print "!"
        emit(WGF_ALL, 1)
        return
    }
    if (digestover && WGF_ONE && f[4] != "?" && length(WGF_ALL) == f[4] + 0 && digestover <= f[4] + 0) {
        print "@@digest " path
        print f[1] " " f[2]
        digest(WGF_ALL)
        return
    }
    print "@@file " path
    print f[1] " " f[2]
    if (!WGF_ONE || (f[4] != "?" && length(WGF_ALL) != f[4] + 0)) print "!"
    emit(WGF_ALL, 1)
}
function digest(content,   n, l, i, last, sum) {
    sum = "sha256sum"
    fflush()
    n = split(content, l, "\n")
    last = n
    if (n && l[n] == "") last = n - 1
    for (i = 1; i <= last; i++) printf "%s%s", hide(l[i]), (i < last || last < n ? "\n" : "") | sum
    close(sum)
}
function manifest(path) {
    if (!readall(root path)) { print "@@unreadable " path; return }
    print "@@manifest"
    emit(WGF_ALL, 0)
}
function live(   line, f, n, j, out, mode) {
    RS = "\n"
    mode = ""
    while ((getline line < "/dev/stdin") == 1) {
        if (line ~ /^wgform-section [a-z]+$/) { mode = substr(line, 16); print "@@" mode; continue }
        if (line ~ /^wgform-exit [0-9]+$/) { print ":" line; continue }
        if (mode == "listen") {
            n = split(line, f)
            if (5 <= n) print ":" f[1] " " f[5]
            continue
        }
        if (mode != "wg") { if (mode != "") print ":" line; continue }
        n = split(line, f, "\t")
        if (n == 5) f[2] = "(hidden)"
        else if (n == 9) { if (f[3] != "(none)") f[3] = "(hidden)" }
        else continue
        out = f[1]
        for (j = 2; j <= n; j++) out = out "\t" f[j]
        print ":" out
    }
}
function procs(from,   n, s, f, i, j, line, up, name, rx) {
    n = split(ENVIRON["WGF_SVCS"], s, "\n")
    if (!n) return
    for (i = 1; i <= n; i++) { split(s[i], f, " "); name[i] = f[1]; rx[i] = "^(" f[2] ")$" }
    RS = "\n"
    for (j = from; j < ARGC; j++) {
        if ((getline line < ARGV[j]) == 1) for (i = 1; i <= n; i++) if (line ~ rx[i]) up[i] = 1
        close(ARGV[j])
    }
    for (i = 1; i <= n; i++) if (name[i] != "") print "@@service " name[i] " " (up[i] ? "running" : "stopped")
}
BEGIN {
    root = ENVIRON["WGFORM_ROOT"]
    texts = ENVIRON["WGF_TEXTS"]
    digestover = ENVIRON["WGF_DIGEST_OVER"] + 0
    for (a = 1; a < ARGC; a += 3) {
        if (ARGV[a] == "p") { if (texts == "") procs(a + 1); break }
        if (ARGV[a] == "f") file(ARGV[a + 1], ARGV[a + 2])
        else if (texts != "") continue
        else if (ARGV[a] == "m") manifest(ARGV[a + 2])
        else if (ARGV[a] == "w") live()
        else print "@@" ARGV[a] " " ARGV[a + 2]
    }
    if (texts != "") exit
    srand()
    printf "@@time %.0f\n", srand()
}'
set --
if [ -n "$WGF_PROCS" ]; then
    [ -n "$WGF_SVCS" ] && set -- "$R"/proc/[0-9]*/comm
    export WGF_SVCS
fi
WGF_READ="${WGF_READ}w$NL-$NL-$NL"
[ -n "$HAVE_WG" ] || echo '@@wg missing'
if [ -n "$WGF_NFT" ]; then
    WGF_V=
    [ -r "$R/var/lib/wgform/nftables.sha256" ] && read -r WGF_V < "$R/var/lib/wgform/nftables.sha256"
    printf '@@nftrecorded %s\n' "$WGF_V"
    command -v nft >/dev/null 2>&1 || { echo '@@nftables missing'; WGF_NFT=; }
fi
if [ -n "$WGF_LISTEN" ]; then
    command -v ss >/dev/null 2>&1 || { echo '@@listen missing'; WGF_LISTEN=; }
fi
# Confirmed applies: a run the host undid by itself ("EPOCH ok|incomplete STEP..."), or one still awaiting its
# confirmation ("PID BOOT-ID"); one line each, builtins only.
for WGF_F in "$R"/var/lib/wgform/confirm/*.reverted "$R"/var/lib/wgform/confirm/*.pid; do
    if [ -f "$WGF_F" ]; then
        WGF_V=
        read -r WGF_V < "$WGF_F" 2>/dev/null
        printf '@@confirm %s %s\n' "${WGF_F##*/}" "$WGF_V"
    fi
done
set -f
IFS=$NL
{
    if [ -n "$HAVE_WG" ]; then
        echo 'wgform-section wg'
        [ "$WGF_DUMP" = "$NL" ] || printf '%s\n' "${WGF_DUMP#"$NL"}"
        echo "wgform-exit $WGF_DUMP_RC"
    fi
    if [ -n "$WGF_NFT" ]; then
        echo 'wgform-section nftables'
        IFS=' '
        nft -s list table $WGF_NFT 2>/dev/null
        echo "wgform-exit $?"
    fi
    if [ -n "$WGF_LISTEN" ]; then
        echo 'wgform-section listen'
        ss -ltnuH 2>/dev/null
        echo "wgform-exit $?"
    fi
} | WGF_DIGEST_OVER=$WGF_DIGEST_OVER awk "$WGF_AWK" $WGF_READ p "$@"
IFS=$WGF_IFS
set +f
echo '@@end'

# The files that went as digests: once the workstation has rendered, it answers one line, the paths (tab-separated)
# whose text it needs after all (a file that differs from its rendering, or one it no longer renders), or an empty
# line; "@@text PATH" sections then carry them, as "@@file" would have, and "@@texts-end" closes the list. No answer
# (the end of input: the run went no further) prints nothing. The caller asks inside one compound command, so the
# shell has parsed the whole script before the answer is read.
wgf_texts() {
    echo '@@texts?'
    IFS= read -r WGF_TEXTS || return 0
    if [ -n "$WGF_TEXTS" ]; then
        set -f
        IFS=$NL
        WGF_TEXTS="$TAB$WGF_TEXTS$TAB" awk "$WGF_AWK" $WGF_READ
        IFS=$WGF_IFS
        set +f
    fi
    echo '@@texts-end'
}
