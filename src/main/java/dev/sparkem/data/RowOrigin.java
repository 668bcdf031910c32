package dev.sparkem.data;

import org.apache.spark.rdd.InputFileBlockHolder;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Where the row a task is reading comes from, for error messages: the file and the row's 0-based
 * index within it (data rows only, a CSV header not counted) when Spark reads a file, else the
 * row's index within the partition. The file is the one Spark's file scan records for the
 * current task thread (what {@code input_file_name()} reads); a file split into several pieces
 * is named with the byte offset where this task's piece starts, rows counted from there.
 */
final class RowOrigin {
  private final int partition;
  private UTF8String file = UTF8String.EMPTY_UTF8;
  private long start;
  private long rowInFile = -1;
  private long rowInPartition = -1;

  RowOrigin(int partition) {
    this.partition = partition;
  }

  /** Moves to the next row: call once after taking each row from the input. */
  void next() {
    rowInPartition++;
    UTF8String current = InputFileBlockHolder.getInputFilePath();
    long currentStart = InputFileBlockHolder.getStartOffset();
    if (current.equals(file) && currentStart == start) {
      rowInFile++;
    } else {
      file = current.clone();
      start = currentStart;
      rowInFile = 0;
    }
  }

  /** E.g. "input row 3 of file:/data/x.csv (partition 0)" or "input row 3 of partition 0". */
  String describe() {
    if (file.numBytes() == 0) {
      return "input row " + rowInPartition + " of partition " + partition;
    }
    return "input row " + rowInFile + " of " + file
        + (start > 0 ? " from byte " + start : "") + " (partition " + partition + ")";
  }
}
