package dev.hmac.core;

/** The inputs of a signature, with the names the REST API uses and the labels people read. */
public enum Field {
    CALLBACK("callback", "Callback URL"),
    CLIENT_ID("clientid", "Client ID"),
    CLIENT_SECRET("clientsecret", "Client secret"),
    TIMESTAMP("timestamp", "Timestamp");

    private final String key;
    private final String label;

    Field(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The JSON property name, as in the original API. */
    public String key() {
        return key;
    }

    /** How the field is called on the form and in the Slack modal. */
    public String label() {
        return label;
    }
}
