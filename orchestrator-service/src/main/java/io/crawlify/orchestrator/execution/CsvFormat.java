package io.crawlify.orchestrator.execution;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** RFC 4180 rows of items: url, phase, then one column per field (objects and lists as JSON). */
final class CsvFormat {

    private CsvFormat() {
    }

    static String header(List<String> fields) {
        StringBuilder line = new StringBuilder("url,phase");
        fields.forEach(f -> line.append(',').append(escape(f)));
        return line.append("\r\n").toString();
    }

    static String row(ItemResponse item, List<String> fields) {
        StringBuilder line = new StringBuilder();
        line.append(escape(item.url())).append(',').append(escape(item.phase()));
        for (String field : fields) {
            JsonNode value = item.data() == null ? null : item.data().get(field);
            line.append(',');
            if (value != null && !value.isNull()) {
                line.append(escape(value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return line.append("\r\n").toString();
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
