package dev.sparkem.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkem.data.FeatureColumns;
import dev.sparkem.data.Packing;
import dev.sparkem.mixture.multinomial.MultinomialMixtureFamily;
import dev.sparkem.mixture.multinomial.MultinomialMixtureParameters;
import dev.sparkem.mixture.multinomial.MultinomialMixtureSampler;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Scoring sparse rows from their non-zeros gives exactly the numbers of scoring them densely
 * (the same terms in the same order), including empty documents, over several blocks.
 */
class SparsePredictTest {
  @Test
  void sparseAndDensePredictAgreeExactly() {
    SplittableRandom random = new SplittableRandom(4);
    MultinomialMixtureParameters model = MultinomialMixtureSampler.randomMixture(4, 300, random);
    MultinomialMixtureSampler sampler = new MultinomialMixtureSampler(model, random);
    double[][] rows = new double[500][300];
    for (int i = 0; i < rows.length; i++) {
      sampler.sample(i % 50 == 0 ? 0 : 1 + i % 40, rows[i]); // every 50th document is empty
    }
    Dataset<Row> frame = FamilyFixtures.vectors(rows, 3);
    FeatureColumns features = FeatureColumns.resolve(frame, List.of(), List.of());
    Packing sparse = Packing.DEFAULT.withDomain(MultinomialMixtureFamily.VALUE_DOMAIN)
        .withSparse(true);
    List<Row> fromNonZeros =
        MixturePredictor.predict(frame, features, model, sparse).collectAsList();
    List<Row> fromDense =
        MixturePredictor.predict(frame, features, model, sparse.withSparse(false))
            .collectAsList();

    assertEquals(rows.length, fromNonZeros.size());
    for (int i = 0; i < rows.length; i++) {
      Row s = fromNonZeros.get(i);
      Row d = fromDense.get(i);
      assertEquals(d.<Vector>getAs("features"), s.<Vector>getAs("features"), "row order");
      assertEquals(d.<Integer>getAs("prediction"), s.<Integer>getAs("prediction"), "row " + i);
      assertArrayEquals(d.<Vector>getAs("probability").toArray(),
          s.<Vector>getAs("probability").toArray(), 0.0, "probability of row " + i);
      assertEquals(d.<Double>getAs("logLikelihood"), s.<Double>getAs("logLikelihood"), 0.0,
          "logLikelihood of row " + i);
    }
    assertEquals(0.0, fromNonZeros.get(0).<Double>getAs("logLikelihood"), 1e-15,
        "an empty document has probability 1 (log Σ w_j, up to round-off)");
  }
}
