package dev.sparkem.engine;

import dev.sparkem.data.DataBlock;
import java.io.Serializable;

/**
 * An accumulator with the parameters it scores under: one of the models a
 * {@link DistributedPass} evaluates. Several scorings share one pass over the data.
 *
 * @param <B> the data block type
 * @param <P> the parameters
 * @param <S> the statistics
 */
public record Scoring<B extends DataBlock, P extends Serializable,
    S extends SufficientStatistics<S>>(BlockAccumulator<B, P, S> accumulator, P params)
    implements Serializable {

  /** About how many numbers the statistics hold (see {@link BlockAccumulator}). */
  long statisticsValues() {
    return accumulator.statisticsValues(params);
  }

  PassResult<S> empty() {
    return new PassResult<>(accumulator.zero(params));
  }

  void add(B block, PassResult<S> into) {
    double logLikelihood = accumulator.accumulate(params, block, into.statistics());
    into.add(logLikelihood, block.totalWeight(), block.rows());
  }
}
