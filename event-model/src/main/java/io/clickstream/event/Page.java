package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a page view or click happened. {@code url} is required for page views. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page(String url, String path, String referrer, String title) {
}
