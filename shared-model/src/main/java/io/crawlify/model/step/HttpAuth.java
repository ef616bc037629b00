package io.crawlify.model.step;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an HTTP step authenticates, with the secret taken from a stored credential (never from the config):
 * <ul>
 * <li>{@code bearer}: {@code Authorization: Bearer <token>}; the credential is the token, or {@code {token}}</li>
 * <li>{@code basic}: {@code Authorization: Basic ...}; the credential is {@code {username, password}} or
 * {@code "user:password"}</li>
 * <li>{@code header}: header {@code name} set to the credential (a string, or {@code {value}}); a credential that
 * is an object of header names to values (the {@code header} credential type) sets its header {@code name}, or
 * all of its headers when no name is given</li>
 * <li>{@code query}: query parameter {@code name} set to the credential (a string, or {@code {value}})</li>
 * </ul>
 */
public record HttpAuth(Type type, String credential, String name) {

    public enum Type {
        @JsonProperty("bearer") BEARER,
        @JsonProperty("basic") BASIC,
        @JsonProperty("header") HEADER,
        @JsonProperty("query") QUERY
    }
}
