package dev.sparkem.mixture;

import java.util.SplittableRandom;

/** Drawing a component index by weight, and random mixing weights, for the samplers. */
public final class ComponentDraw {
  private final double[] cumulative;

  /** @param weights k weights ≥ 0, not all 0 */
  public ComponentDraw(double[] weights) {
    cumulative = new double[weights.length];
    double sum = 0.0;
    for (int j = 0; j < weights.length; j++) {
      sum += weights[j];
      cumulative[j] = sum;
    }
  }

  /** A component j drawn with probability weights[j]/Σ weights. */
  public int next(SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    int j = 0;
    while (j < cumulative.length - 1 && u >= cumulative[j]) {
      j++;
    }
    return j;
  }

  /**
   * k random weights summing to 1: a flat Dirichlet draw floored at 1/(4k) before renormalising,
   * so that no component is nearly empty.
   */
  public static double[] randomWeights(int k, SplittableRandom random) {
    double[] weights = new double[k];
    double sum = 0.0;
    for (int j = 0; j < k; j++) {
      weights[j] = Math.max(-Math.log(1.0 - random.nextDouble()), 1.0 / (4 * k));
      sum += weights[j];
    }
    for (int j = 0; j < k; j++) {
      weights[j] /= sum;
    }
    return weights;
  }
}
