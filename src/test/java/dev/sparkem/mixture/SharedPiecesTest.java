package dev.sparkem.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.data.RowBlock;
import dev.sparkem.linalg.LogFactorial;
import org.junit.jupiter.api.Test;

/**
 * The pieces the count and binary families share: log-factorials against plain sums, the CSR
 * view of dense blocks, and the statistics' merge contract (parts merged = one pass).
 */
class SharedPiecesTest {
  /**
   * Exact sums below 1024, Stirling's series above: both agree with a plain running sum of
   * logarithms to 1e-14 relative, the round-off such a running sum carries.
   */
  @Test
  void logFactorialMatchesPlainSumsOnBothSidesOfTheTable() {
    double sum = 0.0;
    for (int x = 1; x <= 5000; x++) {
      sum += Math.log(x);
      assertEquals(sum, LogFactorial.of(x), 1e-14 * Math.max(1, sum), "log(" + x + "!)");
    }
    assertEquals(0.0, LogFactorial.of(0));
    // ln(10^6 !) from the Stirling series to 15 digits: 12815518.384658169...
    assertEquals(12815518.384658169, LogFactorial.of(1e6), 1e-8);
  }

  @Test
  void denseBlocksGiveTheSameNonZerosAsSparseOnes() {
    RowBlock dense = RowBlock.dense(3, 4, new double[] {0, 2, 0, 1, 0, 0, 0, 0, 5, 0, 0, 3}, null);
    NonZeros x = NonZeros.of(dense);
    assertArrayEquals(new int[] {0, 2, 2, 4}, x.rowStarts());
    assertArrayEquals(new int[] {1, 3, 0, 3}, x.indices());
    assertArrayEquals(new double[] {2, 1, 5, 3}, x.values());
    assertEquals(3, x.rows());
  }

  @Test
  void mergingPartsEqualsOnePassAndChecksDimensions() {
    RowBlock block = RowBlock.dense(4, 3, new double[] {1, 0, 2, 0, 3, 0, 4, 1, 0, 0, 0, 5},
        null);
    double[] r = {0.2, 0.8, 0.5, 0.5, 1.0, 0.0, 0.3, 0.7};
    ComponentSums whole = new ComponentSums(2, 3);
    whole.add(NonZeros.of(block), r);
    ComponentSums first = new ComponentSums(2, 3);
    first.add(NonZeros.of(RowBlock.dense(1, 3, new double[] {1, 0, 2}, null)),
        new double[] {0.2, 0.8});
    ComponentSums rest = new ComponentSums(2, 3);
    rest.add(NonZeros.of(RowBlock.dense(3, 3, new double[] {0, 3, 0, 4, 1, 0, 0, 0, 5}, null)),
        new double[] {0.5, 0.5, 1.0, 0.0, 0.3, 0.7});
    rest.skip(2.0);
    first.merge(rest);
    for (int j = 0; j < 2; j++) {
      assertEquals(whole.weight(j), first.weight(j), 1e-15);
      assertArrayEquals(whole.sums(j), first.sums(j), 1e-15);
    }
    assertEquals(1, first.skippedRows());
    assertEquals(2.0, first.skippedWeight());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> first.merge(new ComponentSums(2, 4)));
    assertTrue(e.getMessage().contains("k=2, d=4"), e.getMessage());
  }
}
