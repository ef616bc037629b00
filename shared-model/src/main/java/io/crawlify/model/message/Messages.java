package io.crawlify.model.message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON codec of wire messages: unknown fields are ignored so older workers read newer messages.
 */
public final class Messages {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Messages() {
    }

    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** @throws java.io.IOException when the bytes are not a message of this type: the caller records it as poison */
    public static <T> T decode(byte[] bytes, Class<T> type) throws java.io.IOException {
        return MAPPER.readValue(bytes, type);
    }
}
