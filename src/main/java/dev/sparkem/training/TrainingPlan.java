package dev.sparkem.training;

import dev.sparkem.init.InitMode;
import dev.sparkem.mixture.MixtureModel;

/**
 * One model to train, of any family: k components of {@code kind}, from nInit start points of
 * {@code init} (restart r uses {@link #restartSeed(int)}), or from the given parameters.
 *
 * @param kind the family and its settings
 * @param k the number of components, ≥ 1
 * @param init how start points are made (ignored when {@code given} is set)
 * @param nInit the number of restarts, ≥ 1 (1 when {@code given} is set)
 * @param seed the seed of restart 0
 * @param given a start point to use instead of {@code init}, or {@code null}
 * @param <P> the parameters of the family
 */
public record TrainingPlan<P extends MixtureModel>(MixtureKind<P> kind, int k, InitMode init,
    int nInit, long seed, P given) {
  /** @throws IllegalArgumentException naming the value that is out of range */
  public TrainingPlan {
    if (k < 1) {
      throw new IllegalArgumentException("k is " + k + ", expected >= 1");
    }
    if (nInit < 1) {
      throw new IllegalArgumentException("nInit is " + nInit + ", expected >= 1");
    }
    if (given != null && nInit != 1) {
      throw new IllegalArgumentException(
          "nInit is " + nInit + " but a start point was given, expected 1");
    }
    if (given == null && init == null) {
      throw new IllegalArgumentException("neither an init mode nor a start point was given");
    }
  }

  /** The seed of restart r, see {@link #restartSeed(long, int)}. */
  public long restartSeed(int r) {
    return restartSeed(seed, r);
  }

  /**
   * The seed of restart r: {@code seed} for r = 0, then seeds spread by the golden-ratio increment
   * of SplittableRandom, so restarts are independent and reproducible.
   */
  public static long restartSeed(long seed, int r) {
    return seed + r * 0x9E3779B97F4A7C15L;
  }
}
