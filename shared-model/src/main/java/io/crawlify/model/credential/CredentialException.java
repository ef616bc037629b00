package io.crawlify.model.credential;

/**
 * A credential could not be stored or read: no key configured, a key that does not fit, a ciphertext that fails
 * authentication. Messages name the credential and the cause, never its value.
 */
public class CredentialException extends RuntimeException {

    public CredentialException(String message) {
        super(message);
    }

    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
