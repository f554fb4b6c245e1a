package dev.hmac.core.verify;

/**
 * The string that is signed, for people to compare with their own code: its four parts joined by " + ", the
 * secret replaced by its length, like
 * {@code «client secret, 16 characters» + https://apoorva.com + LfmvNs1g14p0C7AR3IKyfoCxO6i2zKAJ + 1444762678}.
 *
 * @param bytes the length of the real string in UTF-8, secret included
 */
public record MessageToSign(String text, int bytes) {
}
