package org.qianhe.ops.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5/6 extension that gives every test class of a JVM the same {@link LocalStack}: started by
 * the first class that asks for it and kept in the root context's store, which JUnit closes (and so
 * stops Elasticsearch and Kafka) after the last test of the run. Starting Elasticsearch takes about
 * ten seconds, so one stack per JVM rather than one per class.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class ConsentIndexIT {
 *     @Test
 *     void indexes(LocalStack stack) { ... stack.elasticsearch().httpUrl() ... }
 * }
 * }</pre>
 *
 * Tests share the topics and the node: use unique index names and consumer groups, or clean up.
 * {@link LocalStack}, {@link KafkaBroker} and {@link ElasticsearchNode} can be injected as parameters.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == KafkaBroker.class || type == ElasticsearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        LocalStack stack = stack(extension);
        Class<?> type = parameter.getParameter().getType();
        if (type == KafkaBroker.class) {
            return stack.kafka();
        }
        if (type == ElasticsearchNode.class) {
            return stack.elasticsearch();
        }
        return stack;
    }

    /** The shared stack, started on first use; for tests that need it outside a parameter. */
    public static LocalStack stack(ExtensionContext context) {
        // an AutoCloseable value in the root store is closed when the whole test run ends
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Shared.class, type -> new Shared(), Shared.class).get();
    }

    /**
     * Remembers a failed start too: otherwise every following test class would wait for another
     * start that fails the same way.
     */
    private static final class Shared implements AutoCloseable {

        private final LocalStack stack;
        private final RuntimeException failure;

        Shared() {
            LocalStack started = null;
            RuntimeException failed = null;
            try {
                started = LocalStack.start();
            } catch (RuntimeException e) {
                failed = e;
            }
            this.stack = started;
            this.failure = failed;
        }

        LocalStack get() {
            if (failure != null) {
                throw new IllegalStateException("the shared local stack failed to start in this JVM", failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
