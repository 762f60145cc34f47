package dev.wgform.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Addresses as people and config files write them: IPv6 in RFC 5952 form ({@code fd00::1}, {@code ::/0}) rather
 * than Java's {@code fd00:0:0:0:0:0:0:1}. The same address always gives the same text, so rendered files are stable.
 */
public final class AddressText {
    private AddressText() {}

    public static String of(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address.getHostAddress();
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    public static String of(Cidr cidr) {
        return of(cidr.network()) + "/" + cidr.prefixLength();
    }
}
