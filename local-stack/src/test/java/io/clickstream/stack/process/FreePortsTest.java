package io.clickstream.stack.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctFreePortsOutsideTheTakenOnes() {
        List<Integer> kafka = FreePorts.pick(3);
        List<Integer> elasticsearch = FreePorts.pick(40, kafka);

        assertThat(kafka).doesNotHaveDuplicates().allMatch(FreePorts::isFree);
        assertThat(elasticsearch).hasSize(40).doesNotHaveDuplicates().doesNotContainAnyElementsOf(kafka);
    }
}
