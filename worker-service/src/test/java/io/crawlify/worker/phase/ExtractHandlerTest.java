package io.crawlify.worker.phase;

import static io.crawlify.worker.phase.FieldExtractorTest.fields;
import static io.crawlify.worker.phase.FieldExtractorTest.json;
import static io.crawlify.worker.phase.FieldExtractorTest.required;
import static io.crawlify.worker.phase.FieldExtractorTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.crawlify.model.crawl.ExtractNode;

class ExtractHandlerTest {

    private static final String GRID = """
            <h1>Tools</h1>
            <div class="card"><span class="name">Hammer</span><span class="price">9.99</span></div>
            <div class="card"><span class="name">Saw</span></div>
            <div class="card"><span class="name">Drill</span><span class="price">49.00</span></div>
            <div class="card"><span class="name"> </span><span class="price">1.00</span></div>
            """;

    private final ExtractHandler handler = new ExtractHandler();

    @Test
    void withoutSelectorEmitsOneItemPerPage() {
        NodeContext context = ExtractLinksHandlerTest.context(GRID);

        handler.handle(new ExtractNode(null, fields("title", text("h1"), "firstName", text("span.name"))), context);

        assertEquals(List.of(json("{\"title\": \"Tools\", \"firstName\": \"Hammer\"}")), context.items());
        assertEquals(List.of(), context.warnings());
        assertEquals(0, context.links().size());
    }

    @Test
    void withSelectorEmitsOneItemPerMatchingElement() {
        NodeContext context = ExtractLinksHandlerTest.context(GRID);

        handler.handle(new ExtractNode("div.card", fields("name", text("span.name"), "price", text("span.price"))),
                context);

        assertEquals(List.of(
                json("{\"name\": \"Hammer\", \"price\": \"9.99\"}"),
                json("{\"name\": \"Saw\", \"price\": null}"),
                json("{\"name\": \"Drill\", \"price\": \"49.00\"}"),
                json("{\"name\": \"\", \"price\": \"1.00\"}")), context.items());
    }

    @Test
    void dropsItemsMissingARequiredFieldWithAWarning() {
        NodeContext context = ExtractLinksHandlerTest.context(GRID);

        handler.handle(new ExtractNode("div.card", fields("name", required("span.name"), "price", required("span.price"))),
                context);

        assertEquals(List.of(
                json("{\"name\": \"Hammer\", \"price\": \"9.99\"}"),
                json("{\"name\": \"Drill\", \"price\": \"49.00\"}")), context.items());
        assertEquals(List.of(
                "item dropped: required field(s) [price] missing",
                "item dropped: required field(s) [name] missing"), context.warnings());
    }

    @Test
    void aSelectorMatchingNothingEmitsNothing() {
        NodeContext context = ExtractLinksHandlerTest.context(GRID);

        handler.handle(new ExtractNode("div.product", fields("name", text("span.name"))), context);

        assertEquals(List.of(), context.items());
        assertEquals(List.of(), context.warnings());
    }
}
