package dev.sparkem.mixture.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.engine.EmSettings;
import dev.sparkem.engine.ExpectationMaximization;
import dev.sparkem.engine.FitResult;
import dev.sparkem.engine.IterationListener;
import dev.sparkem.init.GaussianInitializer;
import dev.sparkem.init.InitMode;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * scikit-learn's ridge makes the M-step inexact: with a ridge of the order of a component's
 * variance the log-likelihood really falls near the ridge's fixed point. The fall stays within the
 * bound of {@link GaussianMixtureFamily#decreaseAllowance} (so the engine records no violation),
 * and the bound is 0 without a ridge.
 */
class RidgeAllowanceTest {
  @Test
  void aLargeRidgeLowersTheLikelihoodOnlyWithinTheProvenBound() {
    // Mostly-zero columns: some components' variances are of the order of the ridge.
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double[] x = new double[12];
      for (int a = 0; a < x.length; a++) {
        boolean active = random.nextDouble() < (a % 2 == i % 2 ? 0.5 : 0.1);
        x[a] = active ? 1 + random.nextGaussian() * 0.3 + 3 * (i % 2) : 0.0;
      }
      rows.add(RowFactory.create(Vectors.dense(x)));
    }
    Dataset<Row> frame = SharedSpark.session().createDataFrame(rows, DataTypes.createStructType(
        List.of(DataTypes.createStructField("features", SQLDataTypes.VectorType(), false))))
        .repartition(2);
    PackedData data = PackedData.pack(frame, FeatureColumns.resolve(frame, List.of(), List.of()),
        null, Packing.DEFAULT);
    try {
      double ridge = 1e-3;
      GaussianMixtureParameters start = GaussianInitializer.start(InitMode.RANDOM, data, 2,
          CovarianceType.FULL, 3, ridge);
      GaussianMixtureFamily family = new GaussianMixtureFamily(CovarianceType.FULL, ridge);
      FitResult<GaussianMixtureParameters> fit = ExpectationMaximization.fit(data.blocks(),
          family, start, new EmSettings(25, 0, 0), IterationListener.NONE);
      double[] trace = fit.logLikelihoods();
      double largestFall = 0.0;
      for (int t = 1; t < trace.length; t++) {
        largestFall = Math.max(largestFall, trace[t - 1] - trace[t]);
      }
      assertTrue(largestFall > 1e-9 * Math.abs(trace[0]),
          "the ridge should make the log-likelihood fall here; largest fall " + largestFall);
      assertTrue(fit.decreases().isEmpty(), "falls beyond the bound at " + fit.decreases());
      assertEquals(0.0, new GaussianMixtureFamily(CovarianceType.FULL, 0.0)
          .decreaseAllowance(start, fit.model()));
    } finally {
      data.release();
    }
  }
}
