package dev.sparkem.training;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.HmmFamily;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.HmmStarts;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceSummary;
import dev.sparkem.init.InitMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Trains hidden Markov models: one pass summarises the sequences (counts, dimension, a sample),
 * the start point of every restart is made from the sample (or given), all restarts are fitted
 * by Baum–Welch together so that each EM iteration reads the data once for all of them, and the
 * best restart is kept.
 */
public final class HmmTrainer {
  private HmmTrainer() {}

  /**
   * @param blocks cached sequence blocks (symbols for categorical and Poisson emissions, real
   *     vectors for Gaussian ones)
   * @throws InvalidDataException if there are no sequences, the blocks hold the wrong kind of
   *     observation for the emission, observations differ in dimension (naming the sequence), or
   *     a symbol or dimension does not fit the given parameters (naming sequence and position)
   * @throws IllegalArgumentException if the init mode does not apply to the emission
   */
  public static HmmTraining train(JavaRDD<SequenceBlock> blocks, HmmTrainingOptions options,
      EmSettings settings, IterationListener listener) {
    SequenceSummary summary = SequenceSummary.of(blocks, options.seed());
    if (summary.sequences() == 0) {
      throw new InvalidDataException("the input holds no sequences, expected at least 1");
    }
    EmissionType type = options.emissionType();
    if (type.discrete() != summary.categorical()) {
      throw new InvalidDataException("the sequences hold " + (summary.categorical()
          ? "integer symbols" : summary.dimension() + "-dimensional real observations")
          + ", expected " + (type.discrete() ? "integers" : "real values") + " for a " + type
          + " emission");
    }
    List<HmmParameters> starts = new ArrayList<>();
    if (options.given() != null) {
      starts.add(options.given());
    } else {
      int symbols = options.symbols() > 0 ? options.symbols() : summary.maxSymbol() + 1;
      for (int r = 0; r < options.nInit(); r++) {
        long seed = TrainingPlan.restartSeed(options.seed(), r);
        starts.add(options.init() == InitMode.KMEANS
            ? HmmStarts.kmeans(type, options.states(), summary, seed)
            : HmmStarts.random(type, options.states(), symbols, summary, seed));
      }
    }
    List<FitResult<HmmParameters>> fits = ExpectationMaximization.fitAll(blocks,
        new HmmFamily(options.estimation()), starts, settings, listener);
    return new HmmTraining(options, summary, fits, MixtureTrainer.best(fits));
  }
}
