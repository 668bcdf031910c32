package dev.sparkem.mixture.multinomial;

import dev.sparkem.mixture.ComponentDraw;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SparseVector;

/**
 * Draws documents from a multinomial mixture (a component by weight, then each of a given number
 * of words independently by θ_j), and makes random mixtures for synthetic data. Not thread-safe:
 * one sampler per task.
 */
public final class MultinomialMixtureSampler {
  private final int v;
  private final double[][] cumulativeTheta;
  private final ComponentDraw components;
  private final SplittableRandom random;

  /** A sampler of {@code model} driven by {@code random}. */
  public MultinomialMixtureSampler(MultinomialMixtureParameters model, SplittableRandom random) {
    this.v = model.dimension();
    this.random = random;
    this.components = new ComponentDraw(model.weights());
    this.cumulativeTheta = new double[model.k()][];
    for (int j = 0; j < model.k(); j++) {
      double[] c = model.theta(j);
      for (int w = 1; w < v; w++) {
        c[w] += c[w - 1];
      }
      cumulativeTheta[j] = c;
    }
  }

  /**
   * One document of {@code length} words: writes the V word counts to {@code out} and returns
   * the component it came from.
   *
   * @throws IllegalArgumentException if length is negative
   */
  public int sample(int length, double[] out) {
    if (length < 0) {
      throw new IllegalArgumentException("length is " + length + ", expected >= 0");
    }
    int j = components.next(random);
    Arrays.fill(out, 0, v, 0.0);
    for (int t = 0; t < length; t++) {
      out[word(j)] += 1.0;
    }
    return j;
  }

  /**
   * As {@link #sample(int, double[])} (the same document from the same random stream), as a
   * sparse vector of the V counts, in O(length·log V).
   *
   * @throws IllegalArgumentException if length is negative
   */
  public SparseVector sampleSparse(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length is " + length + ", expected >= 0");
    }
    int j = components.next(random);
    int[] words = new int[length];
    for (int t = 0; t < length; t++) {
      words[t] = word(j);
    }
    Arrays.sort(words);
    int[] indices = new int[length];
    double[] counts = new double[length];
    int distinct = 0;
    for (int t = 0; t < length; t++) {
      if (distinct == 0 || indices[distinct - 1] != words[t]) {
        indices[distinct++] = words[t];
      }
      counts[distinct - 1] += 1.0;
    }
    return new SparseVector(v, Arrays.copyOf(indices, distinct), Arrays.copyOf(counts, distinct));
  }

  /** One word drawn from θ_j. */
  private int word(int j) {
    double[] c = cumulativeTheta[j];
    double u = random.nextDouble() * c[v - 1];
    int w = Arrays.binarySearch(c, u);
    w = w >= 0 ? w + 1 : -w - 1;
    return Math.min(w, v - 1);
  }

  /**
   * A random mixture of k components over V words: weights as
   * {@link ComponentDraw#randomWeights}, each θ_j a flat Dirichlet draw (so components differ
   * clearly for small V) mixed with 1% of the uniform distribution, so no word is impossible.
   */
  public static MultinomialMixtureParameters randomMixture(int k, int v,
      SplittableRandom random) {
    double[][] theta = new double[k][v];
    for (int j = 0; j < k; j++) {
      double sum = 0.0;
      for (int w = 0; w < v; w++) {
        theta[j][w] = -Math.log(1.0 - random.nextDouble());
        sum += theta[j][w];
      }
      for (int w = 0; w < v; w++) {
        theta[j][w] = 0.99 * theta[j][w] / sum + 0.01 / v;
      }
    }
    return MultinomialMixtureParameters.of(ComponentDraw.randomWeights(k, random), theta);
  }
}
