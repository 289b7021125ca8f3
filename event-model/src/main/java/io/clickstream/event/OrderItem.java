package io.clickstream.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** One line of an order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderItem(@JsonProperty(Fields.OrderItem.PRODUCT_ID) String productId, BigDecimal price, Integer quantity) {
}
