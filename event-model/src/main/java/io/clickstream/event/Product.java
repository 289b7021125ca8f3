package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** The product of an add-to-cart event. price ≥ 0, quantity ≥ 1. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Product(String id, String category, BigDecimal price, Integer quantity) {
}
