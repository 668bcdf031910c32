package dev.sparkem.select;

import dev.sparkem.engine.FitStatus;
import dev.sparkem.training.TrainingResult;
import java.util.List;

/**
 * One model of a selection grid: its training (all restarts), the scores of its kept model (with
 * the posterior entropy, so ICL is known) and its collapsed components (see
 * {@link dev.sparkem.mixture.gaussian.GaussianMixtureFamily#collapsedComponents}).
 */
public record Candidate(TrainingResult training, ModelScores scores, List<Integer> collapsed) {
  public Candidate {
    collapsed = List.copyOf(collapsed);
  }

  /**
   * False when the kept restart degenerated or has collapsed components: its likelihood is then
   * an artifact of the ridge, and such a candidate is never selected.
   */
  public boolean valid() {
    return training.bestFit().status() != FitStatus.DEGENERATE && collapsed.isEmpty();
  }
}
