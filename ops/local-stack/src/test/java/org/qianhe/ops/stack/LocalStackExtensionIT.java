package org.qianhe.ops.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackExtensionIT {

    private static LocalStack first;

    @Test
    @Order(1)
    void injectsTheRunningStack(LocalStack stack, KafkaBroker kafka, ElasticsearchNode elasticsearch) {
        first = stack;
        assertThat(kafka).isSameAs(stack.kafka());
        assertThat(elasticsearch).isSameAs(stack.elasticsearch());
        assertThat(FreePort.isListening(elasticsearch.port())).isTrue();
    }

    @Test
    @Order(2)
    void everyTestGetsTheSameStack(LocalStack stack) {
        assertThat(stack).isSameAs(first);
    }

    @Nested
    class InANestedClass {

        @Test
        void theStackIsStillTheSame(LocalStack stack) {
            assertThat(stack).isSameAs(first);
        }
    }
}
