package io.crawlify.model.step;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an HTTP step reads the response body: parsed JSON, text, or JSON when the content type says so. */
public enum ResponseType {
    @JsonProperty("json") JSON,
    @JsonProperty("text") TEXT,
    @JsonProperty("auto") AUTO
}
