package dev.sparkem.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparkem.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.SparkRuntimeException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small CSV files through {@link DatasetReader#read} and {@link PackedData#pack}, as the jobs read
 * them: the values arrive exactly, and every kind of bad file is an {@link InvalidDataException}
 * that names the column, row and value, or the file.
 */
class CsvInputTest {
  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  /** Reads and packs {@code file} with the default feature columns (all of them). */
  private static PackedData readAndPack(Path file) {
    Dataset<Row> frame = DatasetReader.read(SharedSpark.session(), file.toString(),
        InputFormat.CSV);
    return PackedData.pack(frame, FeatureColumns.resolve(frame, List.of(), List.of()), null,
        Packing.DEFAULT.withStorage(StorageLevel.MEMORY_ONLY()));
  }

  private static InvalidDataException rejected(Path file) {
    return assertThrows(InvalidDataException.class, () -> readAndPack(file));
  }

  @Test
  void valuesArriveExactly() throws IOException {
    Path file = write("good.csv", "a.b,c\n1.5, -2e-3\n0.1,3\n-7,1e300\n");
    PackedData data = readAndPack(file);
    try {
      assertEquals(List.of("a.b", "c"), data.features().names());
      assertEquals(3, data.rows());
      List<Double> values = new ArrayList<>();
      for (RowBlock block : data.blocks().collect()) {
        for (double v : block.denseValues()) {
          values.add(v);
        }
      }
      assertArrayEquals(new double[] {1.5, -2e-3, 0.1, 3, -7, 1e300},
          values.stream().mapToDouble(Double::doubleValue).toArray());
    } finally {
      data.release();
    }
  }

  @Test
  void nonNumericValueIsQuotedWithItsColumnAndRow() throws IOException {
    Path file = write("text.csv", "x,y\n1,2\n3,abc\n5,6\n");
    InvalidDataException e = rejected(file);
    assertEquals("input row 1 of " + file.toUri() + " (partition 0): column 'y' is 'abc', "
        + "expected a number", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
  void nonFiniteValueIsNamed(String value) throws IOException {
    Path file = write("nan.csv", "x,y\n1,2\n" + value + ",4\n");
    InvalidDataException e = rejected(file);
    assertEquals("input row 1 of " + file.toUri() + " (partition 0): column 'x' is " + value
        + ", expected a finite number", e.getMessage());
  }

  @Test
  void emptyFieldIsMissing() throws IOException {
    Path file = write("hole.csv", "x,y\n1,2\n3,\n");
    InvalidDataException e = rejected(file);
    assertEquals("input row 1 of " + file.toUri() + " (partition 0): column 'y' is missing "
        + "(null)", e.getMessage());
  }

  /** In a folder of files, the row is counted within its own file, which is named. */
  @Test
  void rowIsCountedWithinItsFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("two"));
    Files.writeString(folder.resolve("a.csv"), "x,y\n1,2\n3,4\n5,6\n");
    Path bad = folder.resolve("b.csv");
    Files.writeString(bad, "x,y\n7,8\n9,-Infinity\n");
    InvalidDataException e = rejected(folder);
    assertTrue(e.getMessage().startsWith("input row 1 of " + bad.toUri() + " (partition "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("column 'y' is -Infinity, expected a finite number"),
        e.getMessage());
  }

  /**
   * FAILFAST rejects a row with more or fewer fields than the header. Spark's failure is
   * [FAILED_READ_FILE.NO_HINT] (naming the file) ← [MALFORMED_RECORD_IN_PARSING] ←
   * [MALFORMED_CSV_RECORD] (quoting the record); the message shows the root and the file.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3,4,5", "3"})
  void rowOfTheWrongWidthIsQuotedWithItsFile(String record) throws IOException {
    Path file = write("width.csv", "x,y\n1,2\n" + record + "\n6,7\n");
    InvalidDataException e = rejected(file);
    assertTrue(e.getMessage().startsWith("cannot read the input: [MALFORMED_CSV_RECORD] "
        + "Malformed CSV record: " + record + " "), e.getMessage());
    assertTrue(e.getMessage().contains("[FAILED_READ_FILE.NO_HINT] Encountered error while "
        + "reading file file://" + file + ". "),
        e.getMessage());
    SparkException failure = assertInstanceOf(SparkException.class, e.getCause());
    assertEquals("FAILED_READ_FILE.NO_HINT", failure.getCondition());
    SparkException parsing = assertInstanceOf(SparkException.class, failure.getCause());
    assertEquals("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", parsing.getCondition());
    SparkRuntimeException root = assertInstanceOf(SparkRuntimeException.class,
        parsing.getCause());
    assertEquals("MALFORMED_CSV_RECORD", root.getCondition());
  }

  @Test
  void headerOnlyHasNoRows() throws IOException {
    assertEquals("input has no rows", rejected(write("header.csv", "x,y\n")).getMessage());
  }

  @Test
  void emptyFileHasNoColumns() throws IOException {
    assertEquals("input has no feature columns (columns: )",
        rejected(write("empty.csv", "")).getMessage());
  }

  @Test
  void missingColumnIsNamed() throws IOException {
    Dataset<Row> frame = DatasetReader.read(SharedSpark.session(),
        write("cols.csv", "x,y\n1,2\n").toString(), InputFormat.CSV);
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> FeatureColumns.resolve(frame, List.of("x", "z"), List.of()));
    assertEquals("feature column 'z' is missing from the input (columns found: x, y)",
        e.getMessage());
  }

  @Test
  void missingPathIsNamed() {
    String path = dir.resolve("no-such.csv").toString();
    InvalidDataException e = assertThrows(InvalidDataException.class,
        () -> DatasetReader.read(SharedSpark.session(), path, InputFormat.CSV));
    assertTrue(e.getMessage().startsWith("cannot read input '" + path + "' as csv: "
        + "[PATH_NOT_FOUND] Path does not exist: file:" + path), e.getMessage());
  }
}
