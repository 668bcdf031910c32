package dev.sparkem.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sparkem.data.RowBlock;
import dev.sparkem.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;

/**
 * Every pass's tasks run under a job description naming the EM iteration (what the Spark UI
 * shows), seen here from inside the tasks; the caller's description is restored afterwards.
 */
class JobDescriptionTest {
  /** The descriptions the tasks of a pass ran under. */
  static final class Seen implements SufficientStatistics<Seen> {
    private static final long serialVersionUID = 1L;
    final TreeSet<String> descriptions = new TreeSet<>();

    @Override
    public void merge(Seen other) {
      descriptions.addAll(other.descriptions);
    }
  }

  /** A family whose parameters never change and whose E-step records the job description. */
  static final class Recording implements ModelFamily<RowBlock, Double, Seen> {
    private static final long serialVersionUID = 1L;
    static final List<String> MAXIMIZED = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Seen zero(Double params) {
      return new Seen();
    }

    @Override
    public double accumulate(Double params, RowBlock block, Seen stats) {
      stats.descriptions.add(
          TaskContext.get().getLocalProperty(ExpectationMaximization.JOB_DESCRIPTION));
      return -block.rows();
    }

    @Override
    public Double maximize(Seen stats, Double previous) {
      MAXIMIZED.addAll(stats.descriptions);
      return previous;
    }
  }

  @Test
  void passesAreDescribedByIterationAndTheCallersDescriptionIsRestored() {
    var data = SharedSpark.pack(new double[][] {{1}, {2}, {3}, {4}}, 2);
    try {
      var context = data.blocks().context();
      context.setJobDescription("the caller's job");
      ExpectationMaximization.fitAll(data.blocks(), new Recording(), List.of(1.0, 2.0),
          new EmSettings(2, 0, 0), IterationListener.NONE);
      assertEquals(List.of("EM · scoring the start point (2 fits)",
          "EM · scoring the start point (2 fits)", "EM iteration 1/2 · E-step (2 fits)",
          "EM iteration 1/2 · E-step (2 fits)"), Recording.MAXIMIZED);
      assertEquals("the caller's job",
          context.getLocalProperty(ExpectationMaximization.JOB_DESCRIPTION));
      context.setJobDescription(null);
      assertNull(context.getLocalProperty(ExpectationMaximization.JOB_DESCRIPTION));
    } finally {
      data.release();
    }
  }
}
