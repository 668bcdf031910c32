package dev.sparkem.engine;

import static dev.sparkem.testing.GaussianFits.assertIdentical;
import static dev.sparkem.testing.GaussianFits.assertSameFit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparkem.data.PackedData;
import dev.sparkem.data.Packing;
import dev.sparkem.mixture.gaussian.CovarianceType;
import dev.sparkem.mixture.gaussian.GaussianMixtureFamily;
import dev.sparkem.mixture.gaussian.GaussianMixtureParameters;
import dev.sparkem.mixture.gaussian.GaussianStarts;
import dev.sparkem.testing.GaussianFits;
import dev.sparkem.testing.Samples;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The same data fitted from the same rows gives the same model whatever the partitioning and the
 * block size (up to round-off), and bit for bit the same model on the same partitioning.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitioningDeterminismTest {
  private static final int D = 3;
  private static final double TOLERANCE = 1e-9;
  private static final EmSettings SETTINGS = new EmSettings(30, 0, 0);
  private static final double REG_COVAR = GaussianMixtureFamily.DEFAULT_REG_COVAR;

  private final List<PackedData> packed = new ArrayList<>();
  private double[][] rows;
  private FitResult<GaussianMixtureParameters> onePartition;

  @BeforeAll
  void fitOnOnePartition() {
    double[][] means = {{0, 0, 0}, {5, 1, -2}, {-1, 6, 3}};
    rows = Samples.mixture(new Random(42), 360, means, 1.2);
    onePartition = fit(pack(1, Packing.DEFAULT_BLOCK_BYTES));
    assertEquals(FitStatus.MAX_ITERATIONS, onePartition.status());
    assertEquals(30, onePartition.iterations());
  }

  @AfterAll
  void release() {
    packed.forEach(PackedData::release);
  }

  private PackedData pack(int partitions, long blockBytes) {
    PackedData data = SharedSpark.pack(rows, partitions, blockBytes);
    packed.add(data);
    assertEquals(partitions, data.blocks().getNumPartitions());
    return data;
  }

  /** Rows 0, 1 and 2 (one of each component) as means, from a pass over {@code data}. */
  private FitResult<GaussianMixtureParameters> fit(PackedData data) {
    double[][] startRows = {rows[0], rows[1], rows[2]};
    GaussianMixtureParameters start = GaussianStarts.fromRows(data.blocks(), startRows, CovarianceType.FULL, REG_COVAR);
    return GaussianFits.fit(data, start, SETTINGS, REG_COVAR);
  }

  @Test
  void threeAndEightPartitionsAgreeWithOne() {
    assertSameFit(onePartition, fit(pack(3, Packing.DEFAULT_BLOCK_BYTES)), TOLERANCE,
        "3 partitions vs 1");
    assertSameFit(onePartition, fit(pack(8, Packing.DEFAULT_BLOCK_BYTES)), TOLERANCE,
        "8 partitions vs 1");
  }

  /** 10 partitions are more than the fan-in of 8: the reduction merges in a tree. */
  @Test
  void treeReductionAgreesWithOne() {
    assertSameFit(onePartition, fit(pack(10, Packing.DEFAULT_BLOCK_BYTES)), TOLERANCE,
        "10 partitions vs 1");
  }

  @Test
  void sevenRowBlocksAgreeWithOneBlock() {
    PackedData small = pack(1, 8L * D * 7);
    assertEquals(360 / 7 + 1, small.blocks().count(), "blocks of 7 rows");
    assertSameFit(onePartition, fit(small), TOLERANCE, "7-row blocks vs one block");
  }

  @Test
  void samePartitioningIsBitwiseIdentical() {
    PackedData three = pack(3, Packing.DEFAULT_BLOCK_BYTES);
    FitResult<GaussianMixtureParameters> first = fit(three);
    assertIdentical(first, fit(three));
    assertIdentical(first, fit(pack(3, Packing.DEFAULT_BLOCK_BYTES)));
  }
}
