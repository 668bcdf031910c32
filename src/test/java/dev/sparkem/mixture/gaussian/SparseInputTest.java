package dev.sparkem.mixture.gaussian;

import static dev.sparkem.testing.NumericAssertions.assertClose;
import static dev.sparkem.testing.NumericAssertions.assertMonotone;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SparseVector features: packed in the sparse layout, every covariance type fits the same model
 * as from the dense layout (diag and spherical through their O(nnz) kernels, full and tied
 * densified per block).
 */
class SparseInputTest {
  @ParameterizedTest(name = "{0}")
  @EnumSource(CovarianceType.class)
  void sparseAndDenseLayoutsFitTheSameModel(CovarianceType type) {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double[] x = new double[12];
      int group = i % 2;
      for (int a = 0; a < x.length; a++) {
        // Mostly zeros; the two groups use different columns more often.
        boolean active = random.nextDouble() < (a % 2 == group ? 0.5 : 0.1);
        x[a] = active ? 1 + random.nextGaussian() * 0.3 + 3 * group : 0.0;
      }
      rows.add(RowFactory.create(Vectors.dense(x).compressed()));
    }
    Dataset<Row> frame = SharedSpark.session().createDataFrame(rows, DataTypes.createStructType(
        List.of(DataTypes.createStructField("features", SQLDataTypes.VectorType(), false))))
        .repartition(2);
    assertEquals(600, frame.count());
    FeatureColumns features = FeatureColumns.resolve(frame, List.of(), List.of());
    PackedData sparse = PackedData.pack(frame, features, null,
        Packing.DEFAULT.withSparse(true).withBlockBytes(2000));
    PackedData dense = PackedData.pack(frame, features, null, Packing.DEFAULT);
    try {
      GaussianMixtureParameters start =
          GaussianInitializer.start(InitMode.RANDOM, dense, 2, type, 3, 1e-6);
      EmSettings settings = new EmSettings(25, 0, 0);
      GaussianMixtureFamily family = new GaussianMixtureFamily(type, 1e-6);
      FitResult<GaussianMixtureParameters> fromSparse = ExpectationMaximization.fit(
          sparse.blocks(), family, start, settings, IterationListener.NONE);
      FitResult<GaussianMixtureParameters> fromDense = ExpectationMaximization.fit(
          dense.blocks(), family, start, settings, IterationListener.NONE);
      assertMonotone(fromSparse);
      assertMonotone(fromDense);
      assertClose(fromDense.logLikelihoods(), fromSparse.logLikelihoods(), 1e-12, "trace");
      assertClose(fromDense.model().weights(), fromSparse.model().weights(), 1e-9, "weights");
      assertClose(fromDense.model().means(), fromSparse.model().means(), 1e-9, "means");
      assertClose(fromDense.model().covarianceValues(), fromSparse.model().covarianceValues(),
          1e-9, "covariances");
      assertEquals(600, sparse.rows());
    } finally {
      sparse.release();
      dense.release();
    }
  }
}
