package io.clickstream.dashboards;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The field names a KQL or Lucene query string of a panel filters on ({@code field : value}, {@code _exists_:field}). */
final class QueryFields {

    private static final Pattern FIELD_BEFORE_COLON = Pattern.compile("(?<![\\w.\"])\"?([A-Za-z_][\\w.]*)\"?\\s*:");
    private static final Pattern EXISTS = Pattern.compile("_exists_\\s*:\\s*([A-Za-z_][\\w.]*)");

    private QueryFields() {}

    static List<String> of(String query) {
        List<String> fields = new ArrayList<>();
        Matcher m = FIELD_BEFORE_COLON.matcher(query);
        while (m.find()) {
            if (!m.group(1).equals("_exists_")) {
                fields.add(m.group(1));
            }
        }
        Matcher e = EXISTS.matcher(query);
        while (e.find()) {
            fields.add(e.group(1));
        }
        return fields;
    }
}
