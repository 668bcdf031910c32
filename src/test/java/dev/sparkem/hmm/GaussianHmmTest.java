package dev.sparkem.hmm;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.testing.ReferenceData;
import dev.sparkem.testing.SharedSpark;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * Gaussian emissions through the engine: full covariance in one dimension is the diagonal model
 * (Nile, 10 iterations, 1e-9), and a 2-D full-covariance fit on generated sequences is monotone
 * and the same on 1 and 4 partitions to 1e-9.
 */
class GaussianHmmTest {
  private static final JavaSparkContext JSC =
      JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());

  private static FitResult<HmmParameters> fit(JavaRDD<SequenceBlock> data, HmmParameters start,
      int iterations) {
    FitResult<HmmParameters> result = ExpectationMaximization.fit(data, new HmmFamily(), start,
        new EmSettings(iterations, 0, 0), IterationListener.NONE);
    assertMonotone(result);
    return result;
  }

  @Test
  void fullCovarianceInOneDimensionIsTheDiagonalModel() {
    JsonNode init = ReferenceData.json("hmm_gaussian_nile.json").get("fits").get(0).get("init");
    HmmParameters diagonal = HmmFixtures.gaussian(init);
    GaussianEmission e = (GaussianEmission) diagonal.emission();
    double[][] v = e.variances();
    HmmParameters full = HmmParameters.of(diagonal.start(), diagonal.transitions(),
        FullGaussianEmission.of(e.means(), new double[][][] {{v[0]}, {v[1]}}));
    JavaRDD<SequenceBlock> data =
        SequenceBlocks.real(JSC, new double[][][] {HmmFixtures.nile()}, null, 1);
    FitResult<HmmParameters> a = fit(data, diagonal, 10);
    FitResult<HmmParameters> b = fit(data, full, 10);
    assertClose(a.logLikelihoods(), b.logLikelihoods(), 1e-9 * 640, "log-likelihoods");
    assertClose(a.model().transitions(), b.model().transitions(), 1e-9, "transitions");
    FullGaussianEmission fe = (FullGaussianEmission) b.model().emission();
    GaussianEmission de = (GaussianEmission) a.model().emission();
    assertClose(de.means(), fe.means(), 1e-9 * 1100, "means");
    assertEquals(de.variances()[1][0], fe.covariances()[1][0][0], 1e-9 * 2e4, "variance");
    data.unpersist();
  }

  @Test
  void twoDimensionalFullCovarianceOnOneAndFourPartitions() {
    Random random = new Random(21L);
    double[][] means = {{0, 0}, {3, 1}};
    double[][] a = {{0.9, 0.1}, {0.2, 0.8}};
    double[][][] sequences = new double[120][][];
    for (int s = 0; s < sequences.length; s++) {
      sequences[s] = new double[1 + random.nextInt(25)][];
      int z = random.nextInt(2);
      for (int t = 0; t < sequences[s].length; t++) {
        z = t == 0 ? z : HmmFitTest.draw(a[z], random);
        double u = random.nextGaussian();
        double w = random.nextGaussian();
        sequences[s][t] = new double[] {means[z][0] + u, means[z][1] + 0.6 * u + 0.8 * w};
      }
    }
    HmmParameters start = HmmParameters.of(new double[] {0.5, 0.5},
        new double[][] {{0.6, 0.4}, {0.4, 0.6}},
        FullGaussianEmission.of(new double[][] {{-1, 0}, {2, 2}},
            new double[][][] {{{2, 0}, {0, 2}}, {{2, 0}, {0, 2}}}));
    JavaRDD<SequenceBlock> one = SequenceBlocks.real(JSC, sequences, null, 1);
    JavaRDD<SequenceBlock> four = SequenceBlocks.real(JSC, sequences, null, 4);
    FitResult<HmmParameters> x = fit(one, start, 15);
    FitResult<HmmParameters> y = fit(four, start, 15);
    for (int t = 0; t < x.logLikelihoods().length; t++) {
      assertEquals(x.logLikelihoods()[t], y.logLikelihoods()[t],
          1e-9 * Math.abs(x.logLikelihoods()[t]), "log-likelihood " + t);
    }
    FullGaussianEmission ex = (FullGaussianEmission) x.model().emission();
    FullGaussianEmission ey = (FullGaussianEmission) y.model().emission();
    assertClose(ex.means(), ey.means(), 1e-9, "means");
    assertClose(ex.covariances(), ey.covariances(), 1e-9, "covariances");
    one.unpersist();
    four.unpersist();
  }

  @Test
  void gaussianEmissionsRejectPseudoCountsAndBadCovariances() {
    assertThrows(IllegalArgumentException.class, () -> FullGaussianEmission.of(
        new double[][] {{0, 0}}, new double[][][] {{{1, 2}, {2, 1}}}));
    assertThrows(IllegalArgumentException.class, () -> GaussianEmission.diagonal(
        new double[][] {{0}}, new double[][] {{0}}));
    HmmParameters p = HmmParameters.of(new double[] {1}, new double[][] {{1}},
        GaussianEmission.diagonal(new double[][] {{0}}, new double[][] {{1}}));
    HmmFamily family = new HmmFamily(0, 1);
    HmmStatistics stats = family.zero(p);
    family.accumulate(p, SequenceBlock.real(null, new double[][][] {{{1}, {2}}}, null), stats);
    assertThrows(IllegalArgumentException.class, () -> family.maximize(stats, p));
  }
}
