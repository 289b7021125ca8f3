package io.clickstream.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The funnel grammar the job's {@code --funnel} and the ledger share. */
class FunnelSpecTest {

    @Test
    void readsTypesFiltersAndGlobsWithCommas() {
        FunnelSpec f = FunnelSpec.parse("checkout", " page_view[page.path=/products/*] ,add_to_cart[product.category=books,toys],purchase");
        assertThat(f.steps()).extracting(FunnelSpec.Step::name)
                .containsExactly("page_view[page.path=/products/*]", "add_to_cart[product.category=books,toys]", "purchase");
        assertThat(f.steps()).extracting(FunnelSpec.Step::type)
                .containsExactly(EventType.PAGE_VIEW, EventType.ADD_TO_CART, EventType.PURCHASE);
        assertThat(f.steps().get(0).globPattern().matcher("/products/sku-1").matches()).isTrue();
        assertThat(f.steps().get(0).globPattern().matcher("/home/products/sku-1").matches()).isFalse();
        assertThat(f.steps().get(1).globPattern().matcher("books,toys").matches()).isTrue();
        assertThat(f.steps().get(1).globPattern().matcher("books").matches()).isFalse();
        assertThat(f.steps().get(2).globPattern()).isNull();
        assertThat(FunnelSpec.parse(f.name(), f.spec())).isEqualTo(f);
        assertThat(FunnelSpec.defaults().spec()).isEqualTo("page_view,add_to_cart,purchase");
    }

    @Test
    void aBadStepIsNamedWithWhatWouldDo() {
        assertThatThrownBy(() -> FunnelSpec.parse("f", "page_view,checkout"))
                .hasMessageContaining("'checkout'").hasMessageContaining("page_view, click, add_to_cart, purchase");
        assertThatThrownBy(() -> FunnelSpec.parse("f", "click[page.title=x]"))
                .hasMessageContaining("unknown filter field 'page.title'").hasMessageContaining("page.path");
        assertThatThrownBy(() -> FunnelSpec.parse("f", "page_view,,purchase")).hasMessageContaining("empty step");
        assertThatThrownBy(() -> FunnelSpec.parse("f", "click[element=]")).hasMessageContaining("empty glob");
        assertThatThrownBy(() -> FunnelSpec.parse("f", "Page View")).hasMessageContaining("type[field=glob]");
        assertThatThrownBy(() -> FunnelSpec.parse(" ", "click")).hasMessageContaining("name");
        assertThatThrownBy(() -> FunnelSpec.parse("f", String.join(",", Collections.nCopies(FunnelSpec.MAX_STEPS + 1, "click"))))
                .hasMessageContaining("1 to 16 steps");
    }
}
