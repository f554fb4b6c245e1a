package dev.hmac.server;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The client's address, as an audit line names it. Behind the load balancer the connection is the balancer's, and
 * the client's address is the last one the balancer appended to {@code X-Forwarded-For}: anything before it is what
 * the client (or a proxy of its own) claimed. Without the balancer, a client can write any header, so the address is
 * the connection's.
 */
final class ClientAddress {
    /** The longest textual IPv6 address, with an embedded IPv4 one. */
    private static final int MAX_LENGTH = 45;

    private ClientAddress() {
    }

    /**
     * @param connection the connection's peer address
     * @param behindLoadBalancer whether the balancer's header is to be believed ({@code HMAC_ALB_ARN} is set)
     */
    static String of(HttpFields headers, String connection, boolean behindLoadBalancer) {
        if (!behindLoadBalancer) {
            return connection;
        }
        List<String> values = headers.getValuesList(HttpHeader.X_FORWARDED_FOR);
        if (values.isEmpty()) {
            return connection;
        }
        String last = values.get(values.size() - 1);
        String address = last.substring(last.lastIndexOf(',') + 1).trim();
        return isAddress(address) ? address : connection;
    }

    /** An IPv4 or IPv6 literal's characters only, so that nothing else a header holds reaches a log line. */
    static boolean isAddress(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }
}
