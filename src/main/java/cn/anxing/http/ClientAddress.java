package cn.anxing.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request comes from, for per-address limits and logs. Behind a reverse proxy the
 * socket address is the proxy's, so every user would share one budget; the proxy's
 * {@code X-Forwarded-For} is believed only when the socket address is one of the configured
 * trusted proxies ({@code http.trustedProxies}), and then the rightmost address in it that is
 * not itself a trusted proxy is the client (addresses further left were written by the client
 * and prove nothing).
 */
public final class ClientAddress {

    private static final String KEY = "clientAddress";

    private final List<Cidr> trusted;

    /** @param trustedProxies addresses or CIDR blocks ("10.0.0.0/8", "::1"); may be empty */
    public ClientAddress(List<String> trustedProxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : trustedProxies) {
            parsed.add(Cidr.parse(entry.strip()));
        }
        this.trusted = List.copyOf(parsed);
    }

    /** A handler that resolves the address once per request, for {@link #of}. */
    public void assign(RoutingContext ctx) {
        ctx.put(KEY, resolve(ctx.request()));
        ctx.next();
    }

    /** The client's address as resolved for this request (the socket's if not resolved). */
    public static String of(RoutingContext ctx) {
        String resolved = ctx.get(KEY);
        if (resolved != null) {
            return resolved;
        }
        return socket(ctx.request());
    }

    public boolean fromTrustedProxy(HttpServerRequest request) {
        return isTrusted(socket(request));
    }

    String resolve(HttpServerRequest request) {
        String socket = socket(request);
        if (!isTrusted(socket)) {
            return socket;
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = stripPort(hops.get(i));
            if (!isLiteral(hop)) {
                return socket; // garbage in the header: fall back to what we know
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return socket;
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty() || !isLiteral(address)) {
            return false;
        }
        byte[] bytes = bytes(address);
        return trusted.stream().anyMatch(c -> c.contains(bytes));
    }

    private static String socket(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[") && hop.contains("]")) {
            return hop.substring(1, hop.indexOf(']'));
        }
        if (hop.chars().filter(c -> c == ':').count() == 1) {
            return hop.substring(0, hop.indexOf(':'));
        }
        return hop;
    }

    /** A literal IPv4 or IPv6 address, never a name (no DNS lookups for header values). */
    static boolean isLiteral(String text) {
        if (text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false; // InetAddress would look this up as a host name
                }
            }
            return bytes(text) != null;
        }
        // with a colon InetAddress parses an IPv6 literal and never asks DNS
        return text.contains(":") && text.matches("[0-9A-Za-z:.%]+") && bytes(text) != null;
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** An address block: the address bytes and how many leading bits must match. */
    private record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            String[] parts = text.split("/", 2);
            if (!isLiteral(parts[0])) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
            byte[] network = bytes(parts[0]);
            int bits = network.length * 8;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix length in " + text);
                }
            }
            return new Cidr(network, bits);
        }

        boolean contains(byte[] address) {
            if (address == null || address.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - bits;
            return new BigInteger(1, address).shiftRight(shift)
                    .equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
