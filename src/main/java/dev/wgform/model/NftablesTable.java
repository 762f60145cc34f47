package dev.wgform.model;

import java.util.regex.Pattern;

/** An nftables table as scripts name it, {@code FAMILY NAME} ("inet wgform"): checked before it goes into a shell line. */
public final class NftablesTable {
    private static final Pattern TABLE = Pattern.compile("(ip|ip6|inet|arp|bridge|netdev) [A-Za-z0-9_-]{1,64}");

    private NftablesTable() {}

    /** {@code table} itself, or IllegalArgumentException when it is not FAMILY NAME. */
    public static String check(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("nftables table must be 'FAMILY NAME': " + table);
        }
        return table;
    }
}
