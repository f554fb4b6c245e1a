package dev.hmac.core;

import java.util.List;

/**
 * The inputs of a signature and of a check: the names the REST API and the original web form use, the labels
 * people read, and how long a value may be. Every surface takes these from here.
 */
public enum Field {
    CALLBACK("callback", "Callback", "Callback URL", SignatureRequest.MAX_CALLBACK_LENGTH),
    CLIENT_ID("clientid", "ClientID", "Client ID", SignatureRequest.MAX_CREDENTIAL_LENGTH),
    CLIENT_SECRET("clientsecret", "ClientSecret", "Client secret", SignatureRequest.MAX_CREDENTIAL_LENGTH),
    /** At most as many digits as the largest timestamp below {@link SignatureRequest#TIMESTAMP_LIMIT}. */
    TIMESTAMP("timestamp", "Timestamp", "Timestamp", Long.toString(SignatureRequest.TIMESTAMP_LIMIT - 1).length()),
    /** The signature to check: an input of a check only. */
    SIGNATURE("signature", "Signature", "Signature", VerificationRequest.MAX_SIGNATURE_LENGTH),
    ALGORITHM("algorithm", "Algorithm", "Algorithm", InputRules.MAX_OPTION_LENGTH),
    ENCODING("encoding", "Encoding", "Encoding", InputRules.MAX_OPTION_LENGTH);

    private static final List<Field> SIGNING = List.of(CALLBACK, CLIENT_ID, CLIENT_SECRET, TIMESTAMP, ALGORITHM,
            ENCODING);

    private final String key;
    private final String formName;
    private final String label;
    private final int maxLength;

    Field(String key, String formName, String label, int maxLength) {
        this.key = key;
        this.formName = formName;
        this.label = label;
        this.maxLength = maxLength;
    }

    /** The inputs of a signature, in order: all but {@link #SIGNATURE}. A check takes all of {@link #values()}. */
    public static List<Field> signing() {
        return SIGNING;
    }

    /** The JSON property name, as in the original API. */
    public String key() {
        return key;
    }

    /** The name of the web form's input (Callback, ClientID, ClientSecret as in the original form). */
    public String formName() {
        return formName;
    }

    /** How the field is called on the form and in the Slack modal. */
    public String label() {
        return label;
    }

    /**
     * The most characters a valid value can have. A check also takes a 13-digit timestamp (milliseconds, see
     * {@link VerificationRequest#MAX_TIMESTAMP_DIGITS}).
     */
    public int maxLength() {
        return maxLength;
    }
}
