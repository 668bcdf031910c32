package dev.sparkem.training;

import dev.sparkem.engine.EmSettings;
import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.gaussian.CovarianceType;

/**
 * What to fit: k components of a covariance type, with the ridge regCovar, from nInit start
 * points of {@code init} (restart r uses {@link #restartSeed(int)}), under the EM settings.
 *
 * @param k the number of components, ≥ 1
 * @param type the covariance type
 * @param regCovar added to the variances after every M-step, ≥ 0
 * @param init how start points are made
 * @param nInit the number of restarts, ≥ 1; the one with the highest final log-likelihood wins
 * @param seed the seed of restart 0
 * @param settings when EM stops
 */
public record TrainingOptions(int k, CovarianceType type, double regCovar, InitMode init,
    int nInit, long seed, EmSettings settings) {
  /** @throws IllegalArgumentException naming the option that is out of range */
  public TrainingOptions {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + ", expected >= 1");
    }
    if (nInit < 1) {
      throw new IllegalArgumentException("nInit is " + nInit + ", expected >= 1");
    }
    if (!(regCovar >= 0) || Double.isInfinite(regCovar)) {
      throw new IllegalArgumentException("regCovar is " + regCovar + ", expected >= 0");
    }
  }

  /**
   * The seed of restart r: the given seed for r = 0, then seeds spread by the golden-ratio
   * increment of SplittableRandom, so restarts are independent and reproducible.
   */
  public long restartSeed(int r) {
    return TrainingPlan.restartSeed(seed, r);
  }

  public TrainingOptions withK(int value) {
    return new TrainingOptions(value, type, regCovar, init, nInit, seed, settings);
  }

  public TrainingOptions withType(CovarianceType value) {
    return new TrainingOptions(k, value, regCovar, init, nInit, seed, settings);
  }
}
