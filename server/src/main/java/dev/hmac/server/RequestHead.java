package dev.hmac.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayList;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;

/**
 * What a route sees of a request before its body: the method, our path, the headers and the client's address.
 *
 * @param path the raw path, one of the router's own
 */
record RequestHead(String method, String path, HttpFields headers, String remoteAddress) {

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

    /** Every header, each name with its values in the order sent (for Bolt's request). */
    Map<String, List<String>> headerMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HttpField field : headers) {
            map.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return map;
    }
}
