package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;

/**
 * One EM fit to run: a model family and its start point. Several specs are fitted together by
 * {@link ExpectationMaximization#fitAll}, sharing every pass over the data.
 *
 * @param <B> the data block type
 * @param <P> the parameters
 * @param <S> the statistics
 */
public record FitSpec<B extends DataBlock, P extends Serializable,
    S extends SufficientStatistics<S>>(ModelFamily<B, P, S> family, P start) {}
