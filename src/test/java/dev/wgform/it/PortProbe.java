package dev.wgform.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * What a port scanner sees from the bridge (the test JVM's own network namespace, 198.51.100.254): a port answers
 * (a TCP connection is accepted), refuses (RST, or ICMP port unreachable for UDP: nothing listens but the host
 * answered), or stays silent (the firewall dropped the probe). Only lab addresses are probed.
 */
final class PortProbe {
    enum Seen { ANSWERS, REFUSES, SILENT }

    private static final int TIMEOUT_MS = 800;

    private PortProbe() {}

    static Seen tcp(String labAddress, int port) {
        requireLab(labAddress);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(labAddress, port), TIMEOUT_MS);
            return Seen.ANSWERS;
        } catch (SocketTimeoutException e) {
            return Seen.SILENT;
        } catch (IOException e) {
            return Seen.REFUSES; // connection refused: the host's kernel answered with a reset
        }
    }

    /**
     * One datagram to a port nothing listens on answers with ICMP port unreachable unless a firewall drops it first;
     * a listener that echoes shows as {@link Seen#ANSWERS}.
     */
    static Seen udp(String labAddress, int port) {
        requireLab(labAddress);
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(labAddress, port));
            s.setSoTimeout(TIMEOUT_MS);
            byte[] probe = "wgform-probe".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(probe, probe.length));
            s.receive(new DatagramPacket(new byte[64], 64));
            return Seen.ANSWERS;
        } catch (PortUnreachableException e) {
            return Seen.REFUSES;
        } catch (SocketTimeoutException e) {
            return Seen.SILENT;
        } catch (IOException e) {
            return Seen.REFUSES;
        }
    }

    private static void requireLab(String address) {
        if (!address.startsWith("198.51.100.")) throw new IllegalArgumentException("not a lab address: " + address);
    }
}
