package dev.sparkem.training;

import dev.sparkem.data.InvalidDataException;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.EmState;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.FitSpec;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.hmm.EmissionType;
import dev.sparkem.hmm.HmmFamily;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.HmmStarts;
import dev.sparkem.hmm.SequenceBlock;
import dev.sparkem.hmm.SequenceSummary;
import dev.sparkem.init.InitMode;
import java.util.ArrayList;
import java.util.Collections;
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
    return train(blocks, options, settings, listener, EmState.Sink.NONE);
  }

  /**
   * As {@link #train(JavaRDD, HmmTrainingOptions, EmSettings, IterationListener)}, handing the
   * state of every restart to {@code checkpoint} once the start points are scored and after
   * every iteration.
   */
  public static HmmTraining train(JavaRDD<SequenceBlock> blocks, HmmTrainingOptions options,
      EmSettings settings, IterationListener listener, EmState.Sink checkpoint) {
    SequenceSummary summary = summarise(blocks, options);
    EmissionType type = options.emissionType();
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
    HmmFamily family = new HmmFamily(options.estimation());
    List<FitSpec<SequenceBlock, ?, ?>> specs = new ArrayList<>();
    starts.forEach(start -> specs.add(new FitSpec<>(family, start)));
    return collect(options, summary,
        ExpectationMaximization.fitAll(blocks, specs, settings, listener, checkpoint));
  }

  /**
   * Continues a training from {@code state}, one fit per restart as {@link #train} handed it to
   * a checkpoint: no start points are made, and on the same data the result is bit for bit that
   * of the uninterrupted training ({@link ExpectationMaximization#resumeAll}).
   *
   * @throws InvalidDataException as {@link #train}
   * @throws IllegalArgumentException if the state does not hold one fit per restart, or a fit
   *     has another number of states or emission type than {@code options}
   */
  public static HmmTraining resume(JavaRDD<SequenceBlock> blocks, HmmTrainingOptions options,
      EmState state, EmSettings settings, IterationListener listener,
      EmState.Sink checkpoint) {
    int restarts = options.nInit();
    if (state.fits().size() != restarts) {
      throw new IllegalArgumentException("the state holds " + state.fits().size()
          + " fits, expected one per restart (" + restarts + ")");
    }
    for (FitResult<?> fit : state.fits()) {
      if (!(fit.model() instanceof HmmParameters params)
          || params.states() != options.states()
          || EmissionType.of(params.emission()) != options.emissionType()) {
        throw new IllegalArgumentException("the state holds " + fit.model() + ", expected a "
            + options.states() + "-state hmm with a " + options.emissionType() + " emission");
      }
    }
    SequenceSummary summary = summarise(blocks, options);
    return collect(options, summary, ExpectationMaximization.resumeAll(blocks,
        Collections.nCopies(restarts, new HmmFamily(options.estimation())), state, settings,
        listener, checkpoint));
  }

  /** The summary pass, and the checks of the data against the options. */
  private static SequenceSummary summarise(JavaRDD<SequenceBlock> blocks,
      HmmTrainingOptions options) {
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
    return summary;
  }

  @SuppressWarnings("unchecked")
  private static HmmTraining collect(HmmTrainingOptions options, SequenceSummary summary,
      List<FitResult<?>> fits) {
    List<FitResult<HmmParameters>> restarts = new ArrayList<>();
    fits.forEach(fit -> restarts.add((FitResult<HmmParameters>) fit));
    return new HmmTraining(options, summary, restarts, MixtureTrainer.best(restarts));
  }
}
