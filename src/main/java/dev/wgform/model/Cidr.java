package dev.wgform.model;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR form, normalised to its network address (10.0.0.0/24). */
public record Cidr(InetAddress network, int prefixLength) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) throw new IllegalArgumentException("prefix out of range: " + prefixLength);
        network = mask(network, prefixLength);
    }

    /** Parses "10.0.0.0/24" or "fd00::/64"; a bare address is a host route (/32 or /128). Empty when malformed. */
    public static Optional<Cidr> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        int slash = t.indexOf('/');
        Optional<InetAddress> address = parseAddress(slash < 0 ? t : t.substring(0, slash));
        if (address.isEmpty()) return Optional.empty();
        int bits = address.get().getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = t.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) return Optional.empty();
            prefix = Integer.parseInt(p);
            if (prefix > bits) return Optional.empty();
        }
        return Optional.of(new Cidr(address.get(), prefix));
    }

    /** Parses a literal IPv4 or IPv6 address without any DNS lookup. Empty when malformed. */
    public static Optional<InetAddress> parseAddress(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        boolean v4 = IPV4.matcher(t).matches();
        if (v4) {
            for (String octet : t.split("\\.")) if (Integer.parseInt(octet) > 255) return Optional.empty();
        } else if (!(t.contains(":") && IPV6.matcher(t).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t)); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    public boolean isIpv4() {
        return network.getAddress().length == 4;
    }

    public boolean contains(InetAddress address) {
        if (address.getAddress().length != network.getAddress().length) return false;
        return mask(address, prefixLength).equals(network);
    }

    public boolean overlaps(Cidr other) {
        if (isIpv4() != other.isIpv4()) return false;
        return prefixLength <= other.prefixLength ? contains(other.network) : other.contains(network);
    }

    /** The number of addresses in the network, as a BigInteger because IPv6 networks are huge. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.getAddress().length * 8 - prefixLength);
    }

    /** The address at offset {@code index} from the network address (index 1 is the first host). */
    public InetAddress addressAt(BigInteger index) {
        if (index.signum() < 0 || index.compareTo(size()) >= 0) throw new IllegalArgumentException("index outside " + this);
        return fromBigInteger(toBigInteger(network).add(index), network.getAddress().length);
    }

    /** The offset of {@code address} from the network address. */
    public BigInteger indexOf(InetAddress address) {
        if (!contains(address)) throw new IllegalArgumentException(address.getHostAddress() + " is outside " + this);
        return toBigInteger(address).subtract(toBigInteger(network));
    }

    /** True for the network address and, in IPv4 networks larger than /31, the broadcast address. */
    public boolean isReserved(InetAddress address) {
        BigInteger i = indexOf(address);
        if (i.signum() == 0 && prefixLength < (isIpv4() ? 31 : 127)) return true;
        return isIpv4() && prefixLength < 31 && i.equals(size().subtract(BigInteger.ONE));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xFF << (8 - keep));
        }
        return fromBytes(b);
    }

    private static BigInteger toBigInteger(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    private static InetAddress fromBigInteger(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, b, length - copy, copy);
        return fromBytes(b);
    }

    private static InetAddress fromBytes(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only thrown for a wrong length, which cannot happen here
        }
    }
}
