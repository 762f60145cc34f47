# Shared by bench/run: timing, --verbose counters, medians, the lab. Sourced, not run. Needs $repo and $work.

ms_of() { # command... ; prints wall milliseconds, output in $work/out (the exit status is not checked here)
    local start end
    start=$(date +%s%N)
    "$@" >"$work/out" 2>&1 || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

# "sessions/commands" from wgform --verbose: the apply line, else the read line of plan and drift
counts_of_apply() { sed -n 's/.*apply: \([0-9]*\) SSH sessions, \([0-9]*\) remote commands.*/\1\/\2/p' "$work/out"; }
counts_of_read() { sed -n 's/.*read [0-9]* hosts in .*: \([0-9]*\) SSH sessions, \([0-9]*\) remote commands.*/\1\/\2/p' "$work/out"; }

per_host() { # "sessions/commands" hosts -> per host, one decimal
    [[ -n "$1" ]] || { echo "?"; return; }
    awk -v c="$1" -v n="$2" 'BEGIN { split(c, a, "/"); printf "%.1f/%.1f", a[1] / n, a[2] / n }'
}

median() { # numbers... -> the middle one (the lower middle for an even count)
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

ratio() { # ansible-ms wgform-ms
    awk -v a="$1" -v w="$2" 'BEGIN { if (a == "" || w == "" || w == 0) print "-"; else printf "%.1fx", a / w }'
}

bench_fail() { # message; shows the last command's output
    sed 's/^/  | /' "$work/out" | tail -40 >&2
    echo "bench: $*" >&2
    exit 1
}

lab_up() { "$repo/wgform" lab up "$1" >"$work/out" 2>&1 || bench_fail "lab up $1 failed"; }
lab_down() { "$repo/wgform" lab down >/dev/null 2>&1 || true; }

lab_is_there() { ip netns list 2>/dev/null | grep -qE '^wgl-[0-9]+' || ip link show wgl-br0 >/dev/null 2>&1; }

# The plane works: lab-1 reaches lab-2 over the mgmt plane (PSK) and the app plane
planes_work() {
    ip netns exec wgl-1 ping -c1 -W2 10.200.0.2 >/dev/null 2>&1 &&
        ip netns exec wgl-1 ping -c1 -W2 10.203.0.2 >/dev/null 2>&1
}
