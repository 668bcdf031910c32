package dev.sparkem.mixture.bernoulli;

import dev.sparkem.mixture.ComponentDraw;
import java.util.SplittableRandom;

/**
 * Draws binary rows from a Bernoulli mixture (a component by weight, then every column
 * independently), and makes random mixtures for synthetic data. Not thread-safe: one sampler per
 * task.
 */
public final class BernoulliMixtureSampler {
  private final double[][] mu;
  private final ComponentDraw components;
  private final SplittableRandom random;

  /** A sampler of {@code model} driven by {@code random}. */
  public BernoulliMixtureSampler(BernoulliMixtureParameters model, SplittableRandom random) {
    this.mu = model.mu();
    this.components = new ComponentDraw(model.weights());
    this.random = random;
  }

  /** One draw: writes d values 0 or 1 to {@code out} and returns the component it came from. */
  public int sample(double[] out) {
    int j = components.next(random);
    for (int a = 0; a < mu[j].length; a++) {
      out[a] = random.nextDouble() < mu[j][a] ? 1.0 : 0.0;
    }
    return j;
  }

  /**
   * A random mixture of k components in d dimensions: weights as
   * {@link ComponentDraw#randomWeights}, probabilities uniform on [0.05, 0.95].
   */
  public static BernoulliMixtureParameters randomMixture(int k, int d, SplittableRandom random) {
    double[][] mu = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        mu[j][a] = 0.05 + 0.9 * random.nextDouble();
      }
    }
    return BernoulliMixtureParameters.of(ComponentDraw.randomWeights(k, random), mu);
  }
}
