package io.crawlify.model.crawl;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One node of a phase. The {@code type} property picks the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NavigateNode.class, name = "navigate"),
        @JsonSubTypes.Type(value = ExtractNode.class, name = "extract"),
        @JsonSubTypes.Type(value = ExtractLinksNode.class, name = "extract_links"),
        @JsonSubTypes.Type(value = WaitNode.class, name = "wait"),
        @JsonSubTypes.Type(value = ClickNode.class, name = "click"),
        @JsonSubTypes.Type(value = TypeNode.class, name = "type"),
        @JsonSubTypes.Type(value = ScrollNode.class, name = "scroll"),
        @JsonSubTypes.Type(value = ScreenshotNode.class, name = "screenshot"),
        @JsonSubTypes.Type(value = ScriptNode.class, name = "script"),
        @JsonSubTypes.Type(value = RepeatNode.class, name = "repeat")
})
public sealed interface NodeSpec permits NavigateNode, ExtractNode, ExtractLinksNode, WaitNode, ClickNode, TypeNode,
        ScrollNode, ScreenshotNode, ScriptNode, RepeatNode {

    /** The name used in workflow JSON. */
    default String typeName() {
        return switch (this) {
            case NavigateNode n -> "navigate";
            case ExtractNode n -> "extract";
            case ExtractLinksNode n -> "extract_links";
            case WaitNode n -> "wait";
            case ClickNode n -> "click";
            case TypeNode n -> "type";
            case ScrollNode n -> "scroll";
            case ScreenshotNode n -> "screenshot";
            case ScriptNode n -> "script";
            case RepeatNode n -> "repeat";
        };
    }

    /** Whether the node only has a meaning in a browser (it interacts with or evaluates in a live page). */
    default boolean browserOnly() {
        return switch (this) {
            case ClickNode n -> true;
            case TypeNode n -> true;
            case ScrollNode n -> true;
            case ScreenshotNode n -> true;
            case ScriptNode n -> true;
            case RepeatNode n -> true;
            case NavigateNode n -> n.url() != null;
            default -> false;
        };
    }
}
