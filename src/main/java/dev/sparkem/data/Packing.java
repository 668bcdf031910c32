package dev.sparkem.data;

import java.io.Serializable;
import org.apache.spark.storage.StorageLevel;

/**
 * How rows become cached blocks.
 *
 * @param domain the values the model family accepts; anything else is an error naming the row
 * @param sparse whether blocks use the compressed-sparse-row layout (for wide, mostly-zero data
 *     such as word counts) rather than the dense one
 * @param blockBytes the byte budget of one block's values (and indices, when sparse)
 * @param storage where the blocks are cached
 */
public record Packing(ValueDomain domain, boolean sparse, long blockBytes, StorageLevel storage)
    implements Serializable {
  /** Default byte budget of one block (4 MiB). */
  public static final long DEFAULT_BLOCK_BYTES = 4L << 20;

  /** Real values, dense blocks of 4 MiB, cached in memory and on disk. */
  public static final Packing DEFAULT =
      new Packing(ValueDomain.REAL, false, DEFAULT_BLOCK_BYTES, StorageLevel.MEMORY_AND_DISK());

  /** @throws IllegalArgumentException if blockBytes is not positive */
  public Packing {
    if (blockBytes < 1) {
      throw new IllegalArgumentException("blockBytes is " + blockBytes + ", expected >= 1");
    }
  }

  public Packing withDomain(ValueDomain value) {
    return new Packing(value, sparse, blockBytes, storage);
  }

  public Packing withSparse(boolean value) {
    return new Packing(domain, value, blockBytes, storage);
  }

  public Packing withBlockBytes(long value) {
    return new Packing(domain, sparse, value, storage);
  }

  public Packing withStorage(StorageLevel value) {
    return new Packing(domain, sparse, blockBytes, value);
  }
}
