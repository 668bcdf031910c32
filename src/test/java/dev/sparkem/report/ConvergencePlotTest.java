package dev.sparkem.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ConvergencePlotTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  @Test
  void aPngOfTheStatedSizeThatImageIoReadsBack() throws IOException {
    byte[] png = ConvergencePlot.png("<b>fit</b> & co", List.of(
        new ConvergencePlot.Trace("restart 0 (kept)", new double[] {-6.1, -4.5, -4.2, -4.16}),
        new ConvergencePlot.Trace("restart 1", new double[] {-7.0, Double.NEGATIVE_INFINITY,
            -4.3, -4.25, -4.24})), 640, 400);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(640, image.getWidth());
    assertEquals(400, image.getHeight());
    assertTrue(distinctColours(image) > 2, "the image is blank");
  }

  @Test
  void oneIterationAndAFlatTraceStillDraw() throws IOException {
    byte[] png = ConvergencePlot.png("flat", List.of(
        new ConvergencePlot.Trace("fit", new double[] {-1.0})), 300, 200);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(300, image.getWidth());
    assertEquals(200, image.getHeight());
  }

  @Test
  void rejectsNoTraceAndTinySizes() {
    assertThrows(IllegalArgumentException.class, () -> ConvergencePlot.png("t", List.of(), 300,
        200));
    List<ConvergencePlot.Trace> one = List.of(new ConvergencePlot.Trace("fit", new double[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvergencePlot.png("t", one, 10, 200));
    assertTrue(e.getMessage().contains("10x200"), e.getMessage());
  }

  private static int distinctColours(BufferedImage image) {
    return (int) java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
  }
}
