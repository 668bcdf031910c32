package dev.sparkem.mixture.poisson;

import dev.sparkem.mixture.ComponentDraw;
import java.util.SplittableRandom;

/**
 * Draws count rows from a Poisson mixture (a component by weight, then every column
 * independently), and makes random mixtures for synthetic data. Not thread-safe: one sampler per
 * task.
 */
public final class PoissonMixtureSampler {
  /** Rates up to this are drawn by Knuth's product of uniforms; larger ones as sums of those. */
  private static final double CHUNK = 30.0;

  private final PoissonMixtureParameters model;
  private final double[][] rates;
  private final ComponentDraw components;
  private final SplittableRandom random;

  /** A sampler of {@code model} driven by {@code random}. */
  public PoissonMixtureSampler(PoissonMixtureParameters model, SplittableRandom random) {
    this.model = model;
    this.random = random;
    this.components = new ComponentDraw(model.weights());
    this.rates = model.rates();
  }

  /** One draw: writes d counts to {@code out} and returns the component it came from. */
  public int sample(double[] out) {
    int j = components.next(random);
    for (int a = 0; a < model.dimension(); a++) {
      out[a] = poisson(rates[j][a], random);
    }
    return j;
  }

  /**
   * A Poisson(λ) draw: exact, by Knuth's method on chunks of at most {@value #CHUNK} (a sum of
   * independent Poissons is Poisson), so the cost grows linearly with λ.
   */
  public static long poisson(double lambda, SplittableRandom random) {
    long count = 0;
    double left = lambda;
    while (left > 0) {
      double chunk = Math.min(left, CHUNK);
      left -= chunk;
      double limit = Math.exp(-chunk);
      double product = random.nextDouble();
      while (product > limit) {
        count++;
        product *= random.nextDouble();
      }
    }
    return count;
  }

  /**
   * A random mixture of k components in d dimensions: weights as
   * {@link ComponentDraw#randomWeights}, rates log-uniform on [0.5, 20].
   */
  public static PoissonMixtureParameters randomMixture(int k, int d, SplittableRandom random) {
    double[][] rates = new double[k][d];
    for (int j = 0; j < k; j++) {
      for (int a = 0; a < d; a++) {
        rates[j][a] = 0.5 * Math.exp(Math.log(40.0) * random.nextDouble());
      }
    }
    return PoissonMixtureParameters.of(ComponentDraw.randomWeights(k, random), rates);
  }
}
