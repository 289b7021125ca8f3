package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** The order of a purchase event; {@code currency} is an ISO-4217 code. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(String id, BigDecimal revenue, String currency, List<OrderItem> items) {
}
