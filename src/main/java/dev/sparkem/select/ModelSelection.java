package dev.sparkem.select;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.RowBlock;
import dev.sparkem.engine.DistributedPass;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.engine.PassResult;
import dev.sparkem.engine.Scoring;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianStatistics;
import dev.sparkem.training.GaussianMixtureTrainer;
import dev.sparkem.training.TrainingOptions;
import dev.sparkem.training.TrainingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the number of components and the covariance type of a Gaussian mixture: fits the whole
 * grid k × type (each with its restarts) in shared passes — every EM iteration reads the data once
 * for all models still running — then scores every kept model in one more pass (for the posterior
 * entropy of ICL) and picks the lowest criterion among the models that neither degenerated nor
 * collapsed.
 */
public final class ModelSelection {
  private ModelSelection() {}

  /**
   * @param ks the numbers of components to try, each ≥ 1
   * @param types the covariance types to try
   * @param base every other option (its k and type are replaced by the grid's)
   * @throws IllegalArgumentException if the grid is empty
   */
  public static Selection select(PackedData data, List<Integer> ks, List<CovarianceType> types,
      TrainingOptions base, Criterion criterion, IterationListener listener) {
    if (ks.isEmpty() || types.isEmpty()) {
      throw new IllegalArgumentException("the grid is empty: give at least one k and one type");
    }
    List<TrainingOptions> grid = new ArrayList<>();
    for (int k : ks) {
      data.requireRowsFor(k);
      for (CovarianceType type : types) {
        grid.add(base.withK(k).withType(type));
      }
    }
    List<TrainingResult> trainings = GaussianMixtureTrainer.trainAll(data, grid, listener);
    List<GaussianMixtureFamily> families = new ArrayList<>();
    List<Scoring<RowBlock, ?, ?>> scorings = new ArrayList<>();
    for (TrainingResult training : trainings) {
      GaussianMixtureFamily family =
          new GaussianMixtureFamily(training.options().type(), training.options().regCovar());
      families.add(family);
      scorings.add(new Scoring<>(family, training.model()));
    }
    List<PassResult<?>> scored = DistributedPass.runAll(data.blocks(), scorings);
    List<Candidate> candidates = new ArrayList<>();
    int winner = -1;
    for (int i = 0; i < trainings.size(); i++) {
      GaussianStatistics stats = (GaussianStatistics) scored.get(i).statistics();
      Candidate candidate = new Candidate(trainings.get(i),
          ModelScores.of(trainings.get(i).bestFit()).withEntropy(stats.posteriorEntropy()),
          families.get(i).collapsedComponents(trainings.get(i).model()));
      candidates.add(candidate);
      if (candidate.valid() && (winner < 0
          || criterion.of(candidate.scores()) < criterion.of(candidates.get(winner).scores()))) {
        winner = i;
      }
    }
    return new Selection(criterion, candidates, winner);
  }
}
