package dev.sparkem.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * How a family's parameters are written into a checkpoint and read back; for mixtures the model
 * file's own writer and reader. Reading must give back the written parameters bit for bit.
 *
 * @param writer the parameters as JSON
 * @param reader the parameters from that JSON and a description of where it came from (for
 *     messages); throws {@link IllegalArgumentException} naming the source and key when invalid
 * @param <P> the parameters
 */
public record ParameterCodec<P>(Function<P, ? extends JsonNode> writer,
    BiFunction<JsonNode, String, P> reader) {}
