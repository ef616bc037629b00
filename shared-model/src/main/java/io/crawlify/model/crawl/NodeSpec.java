package io.crawlify.model.crawl;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One node of a phase. The {@code type} property picks the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NavigateNode.class, name = "navigate"),
        @JsonSubTypes.Type(value = ExtractNode.class, name = "extract"),
        @JsonSubTypes.Type(value = ExtractLinksNode.class, name = "extract_links")
})
public sealed interface NodeSpec permits NavigateNode, ExtractNode, ExtractLinksNode {
}
