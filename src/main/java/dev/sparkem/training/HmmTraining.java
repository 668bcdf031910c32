package dev.sparkem.training;

import dev.sparkem.engine.FitResult;
import dev.sparkem.hmm.HmmParameters;
import dev.sparkem.hmm.SequenceSummary;
import dev.sparkem.select.ModelScores;
import java.util.List;

/**
 * The restarts of one HMM training and the one kept.
 *
 * @param options what was fitted
 * @param summary the data's counts (BIC's n is {@link SequenceSummary#observationWeight()})
 * @param restarts every restart's result, in restart order
 * @param best the index of the kept restart: the highest final log-likelihood among those that
 *     did not degenerate (among all when every one did)
 */
public record HmmTraining(HmmTrainingOptions options, SequenceSummary summary,
    List<FitResult<HmmParameters>> restarts, int best) {
  public HmmTraining {
    restarts = List.copyOf(restarts);
  }

  /** The kept restart. */
  public FitResult<HmmParameters> bestFit() {
    return restarts.get(best);
  }

  /** The kept model. */
  public HmmParameters model() {
    return bestFit().model();
  }

  /** The seed restart r started from. */
  public long restartSeed(int r) {
    return TrainingPlan.restartSeed(options.seed(), r);
  }

  /**
   * BIC and AIC of the kept model (lower is better): p counts only what the M-step learned
   * ({@link dev.sparkem.hmm.BaumWelchSettings#parameterCount}) and n is the weighted number of
   * observations Σ_s w_s·T_s, as hmmlearn counts samples.
   */
  public ModelScores scores() {
    return new ModelScores(options.estimation().parameterCount(model()),
        bestFit().logLikelihood(), summary.observationWeight(), Double.NaN);
  }
}
