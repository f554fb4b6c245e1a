package dev.hmac.server;

import dev.hmac.core.audit.Actor;
import dev.hmac.core.audit.Caller;
import dev.hmac.core.audit.Surface;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * What a route sees of a request before its body: the method, our path, the headers, the addresses, who signed in
 * and the server's id of the request.
 *
 * @param path the raw path, one of the router's own
 * @param remoteAddress the connection's peer (behind the load balancer, one of its addresses)
 * @param clientAddress the client's address: behind the load balancer the one it saw, else the connection's
 * @param user who signed in through the load balancer (single sign-on), or null when it is off
 * @param requestId the server's own id of the request, for its audit lines
 */
record RequestHead(String method, String path, HttpFields headers, String remoteAddress, String clientAddress,
                   String user, String requestId) {

    /** The first value of a header, by name in any case; null when absent. */
    String header(String name) {
        return headers.get(name);
    }

    /** The media type of the body, lowercased, without parameters such as charset; empty when none is given. */
    String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Who asked, for an audit line of this surface: the signed-in user and the client's address, and the id of the
     * request this one was made for when a caller of the API sent one of ours ({@value Caller#REQUEST_ID_HEADER}).
     */
    Caller caller(Surface surface) {
        return new Caller(surface, Actor.person(user, clientAddress), requestId,
                Caller.forwarded(header(Caller.REQUEST_ID_HEADER)));
    }

    /** Every header, each name with its values in the order sent (for Bolt's request). */
    Map<String, List<String>> headerMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HttpField field : headers) {
            map.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return map;
    }
}
