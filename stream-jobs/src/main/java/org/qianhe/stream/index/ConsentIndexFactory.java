package org.qianhe.stream.index;

import java.io.IOException;
import java.io.Serializable;

/** Travels in the job graph and opens the index in each parallel operator (clients are not serializable). */
@FunctionalInterface
public interface ConsentIndexFactory extends Serializable {

  ConsentIndex open() throws IOException;
}
