package dev.sparkem.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The convergence plot of a fit: the log-likelihood per unit weight (natural log) against the EM
 * iteration, one line per restart, drawn headless with JFreeChart into a PNG. Sets
 * {@code java.awt.headless=true} when the property is unset, so it runs on a driver without a
 * display.
 */
public final class ConvergencePlot {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ConvergencePlot() {}

  /**
   * One line of the plot.
   *
   * @param label the legend entry, e.g. "restart 1 (kept)"
   * @param values entry t: the log-likelihood per unit weight after t M-steps (0: the start
   *     point); non-finite entries are left out
   */
  public record Trace(String label, double[] values) {
    public Trace {
      values = values.clone();
    }
  }

  /**
   * Draws the traces into a PNG of {@code width} × {@code height} pixels.
   *
   * @throws IllegalArgumentException if there is no trace or a size is below 50 pixels
   */
  public static byte[] png(String title, List<Trace> traces, int width, int height) {
    if (traces.isEmpty()) {
      throw new IllegalArgumentException("a convergence plot needs at least one trace");
    }
    if (width < 50 || height < 50) {
      throw new IllegalArgumentException("plot size " + width + "x" + height
          + ", expected at least 50x50 pixels");
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    for (Trace trace : traces) {
      XYSeries series = new XYSeries(trace.label(), false, true);
      double[] values = trace.values();
      for (int t = 0; t < values.length; t++) {
        if (Double.isFinite(values[t])) {
          series.add(t, values[t]);
        }
      }
      lines.addSeries(series);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "EM iteration",
        "log-likelihood per unit weight", lines, PlotOrientation.VERTICAL, traces.size() > 1,
        false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int s = 0; s < traces.size(); s++) {
      renderer.setSeriesStroke(s, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw the convergence plot", e);
    }
    return out.toByteArray();
  }
}
